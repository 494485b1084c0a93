using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>One UNSUBSCRIBE.</summary>
public sealed class MqttClientUnsubscribeOptions
{
    /// <summary>The filters to remove, exactly as subscribed.</summary>
    public required IReadOnlyList<string> TopicFilters { get; init; }

    /// <summary>User Properties sent with UNSUBSCRIBE.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
