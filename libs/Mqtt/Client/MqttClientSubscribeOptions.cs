using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>One SUBSCRIBE: its topic filters, the consumer that receives the matching messages, and user properties.</summary>
public sealed class MqttClientSubscribeOptions
{
    /// <summary>The topic filters with their options.</summary>
    public required IReadOnlyList<MqttTopicFilter> TopicFilters { get; init; }

    /// <summary>The consumer for messages of this subscription; the client's default consumer when null.</summary>
    public MqttMessageConsumer? Consumer { get; init; }

    /// <summary>User Properties sent with SUBSCRIBE.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
