using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>Fluent builder for <see cref="MqttClientSubscribeOptions"/>.</summary>
public sealed class MqttClientSubscribeOptionsBuilder
{
    private readonly List<MqttTopicFilter> _filters = [];
    private readonly List<MqttUserProperty> _userProperties = [];
    private MqttMessageConsumer? _consumer;

    /// <summary>Adds a topic filter.</summary>
    public MqttClientSubscribeOptionsBuilder WithTopicFilter(
        string topic,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce,
        bool noLocal = false,
        bool retainAsPublished = false,
        MqttRetainHandling retainHandling = MqttRetainHandling.SendAtSubscribe)
    {
        _filters.Add(new MqttTopicFilter { Topic = topic, QualityOfServiceLevel = qos, NoLocal = noLocal, RetainAsPublished = retainAsPublished, RetainHandling = retainHandling });
        return this;
    }

    /// <summary>Adds a shared subscription <c>$share/{group}/{filter}</c> (load-balanced across the group's members).</summary>
    public MqttClientSubscribeOptionsBuilder WithSharedTopicFilter(string group, string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce) =>
        WithTopicFilter($"$share/{group}/{filter}", qos);

    /// <summary>Sends matching messages to <paramref name="consumer"/>.</summary>
    public MqttClientSubscribeOptionsBuilder WithConsumer(MqttMessageConsumer consumer)
    {
        _consumer = consumer;
        return this;
    }

    /// <summary>Adds a SUBSCRIBE User Property.</summary>
    public MqttClientSubscribeOptionsBuilder WithUserProperty(string name, string value)
    {
        _userProperties.Add(new MqttUserProperty(name, value));
        return this;
    }

    /// <summary>Builds the options.</summary>
    public MqttClientSubscribeOptions Build() => new()
    {
        TopicFilters = _filters.ToArray(),
        Consumer = _consumer,
        UserProperties = _userProperties.ToArray(),
    };
}
