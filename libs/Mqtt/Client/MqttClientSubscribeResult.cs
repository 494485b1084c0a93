using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>The SUBACK: one reason code per requested filter (granted QoS or a failure).</summary>
public sealed class MqttClientSubscribeResult
{
    /// <summary>The filters in request order with their reason codes.</summary>
    public required IReadOnlyList<(MqttTopicFilter Filter, MqttReasonCode ReasonCode)> Items { get; init; }

    /// <summary>The subscription identifier this client gave the subscription (0 when the broker does not support them).</summary>
    public uint SubscriptionIdentifier { get; init; }

    /// <summary>Reason String from the broker.</summary>
    public string? ReasonString { get; init; }
}
