namespace Twins.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE with its MQTT 5 subscription options (§3.8.3.1).</summary>
public sealed class MqttTopicFilter
{
    /// <summary>The filter, with <c>+</c> / <c>#</c> wildcards, or <c>$share/{group}/{filter}</c> for a shared subscription.</summary>
    public required string Topic { get; init; }

    /// <summary>The maximum QoS the broker may use to deliver matching messages.</summary>
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; init; }

    /// <summary>Do not receive messages published by this same client (not allowed on shared subscriptions).</summary>
    public bool NoLocal { get; init; }

    /// <summary>Keep the publisher's RETAIN flag on forwarded messages.</summary>
    public bool RetainAsPublished { get; init; }

    /// <summary>When retained messages are sent for this subscription.</summary>
    public MqttRetainHandling RetainHandling { get; init; }
}
