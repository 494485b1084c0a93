using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>The DISCONNECT this client sends.</summary>
public sealed class MqttClientDisconnectOptions
{
    /// <summary>0x00 normal (the broker discards the will) or 0x04 disconnect with will message, or an error code.</summary>
    public MqttReasonCode ReasonCode { get; init; } = MqttReasonCode.Success;

    /// <summary>Reason String.</summary>
    public string? ReasonString { get; init; }

    /// <summary>Changes the Session Expiry Interval at disconnect (not allowed when it was 0 at connect).</summary>
    public uint? SessionExpiryInterval { get; init; }
}
