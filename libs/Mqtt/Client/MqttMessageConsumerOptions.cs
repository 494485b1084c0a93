namespace Twins.Mqtt.Client;

/// <summary>A consumer's bounded queue and acknowledgement mode.</summary>
public sealed class MqttMessageConsumerOptions
{
    /// <summary>Default <see cref="Capacity"/>: 1000 messages.</summary>
    public const int DefaultCapacity = 1000;

    /// <summary>
    /// QoS 0 messages beyond this many queued are dropped (and counted). QoS 1/2 messages are never
    /// dropped: the client's Receive Maximum already bounds how many the broker can have outstanding.
    /// </summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>
    /// Acknowledge QoS 1/2 messages as soon as they are read from the consumer. When false the
    /// application calls <see cref="MqttReceivedMessage.Acknowledge"/> after it has handled each
    /// message durably, so the broker's in-flight window throttles a slow application.
    /// </summary>
    public bool AutoAcknowledge { get; init; } = true;
}
