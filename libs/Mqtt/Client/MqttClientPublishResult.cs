using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>The outcome of a publish: QoS 0 once written, QoS 1 at PUBACK, QoS 2 at PUBCOMP (or a failed PUBREC).</summary>
public sealed class MqttClientPublishResult
{
    internal static readonly MqttClientPublishResult QoS0Written = new() { ReasonCode = MqttReasonCode.Success };

    /// <summary>The broker's reason code; 0x00 and 0x10 (no matching subscribers) are success.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>The packet identifier used (0 for QoS 0).</summary>
    public ushort PacketIdentifier { get; init; }

    /// <summary>Reason String from the broker.</summary>
    public string? ReasonString { get; init; }

    /// <summary>User Properties from the broker.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>True for reason codes below 0x80.</summary>
    public bool IsSuccess => (int)ReasonCode < 0x80;
}
