using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>A granted subscription, kept to route messages and to resubscribe when the broker lost the session.</summary>
internal sealed class SubscriptionRecord(List<MqttTopicFilter> filters, MqttMessageConsumer consumer, uint subscriptionIdentifier, IReadOnlyList<MqttUserProperty> userProperties)
{
    public List<MqttTopicFilter> Filters { get; } = filters;

    public MqttMessageConsumer Consumer { get; } = consumer;

    public uint SubscriptionIdentifier { get; } = subscriptionIdentifier;

    public IReadOnlyList<MqttUserProperty> UserProperties { get; } = userProperties;
}
