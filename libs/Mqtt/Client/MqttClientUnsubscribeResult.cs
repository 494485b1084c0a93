using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>The UNSUBACK: one reason code per filter.</summary>
public sealed class MqttClientUnsubscribeResult
{
    /// <summary>The filters in request order with their reason codes.</summary>
    public required IReadOnlyList<(string Filter, MqttReasonCode ReasonCode)> Items { get; init; }
}
