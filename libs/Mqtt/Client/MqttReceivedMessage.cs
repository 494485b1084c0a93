using Twins.Mqtt.Internal;

namespace Twins.Mqtt.Client;

/// <summary>A message delivered to a consumer, with the handle that acknowledges it to the broker.</summary>
public sealed class MqttReceivedMessage
{
    private readonly InboundDelivery? _delivery;
    private int _acknowledged;

    internal MqttReceivedMessage(MqttApplicationMessage applicationMessage, ushort packetIdentifier, InboundDelivery? delivery)
    {
        ApplicationMessage = applicationMessage;
        PacketIdentifier = packetIdentifier;
        _delivery = delivery;
    }

    /// <summary>The message.</summary>
    public MqttApplicationMessage ApplicationMessage { get; }

    /// <summary>The broker's packet identifier (0 for QoS 0).</summary>
    public ushort PacketIdentifier { get; }

    /// <summary>True once acknowledged (by the application or automatically).</summary>
    public bool IsAcknowledged => Volatile.Read(ref _acknowledged) != 0;

    /// <summary>
    /// Tells the client the application has handled the message: sends PUBACK (QoS 1) or PUBREC (QoS 2)
    /// once every consumer that received it has acknowledged. Idempotent; a no-op for QoS 0.
    /// If the connection is down the acknowledgement is sent when the broker redelivers after resume.
    /// </summary>
    public void Acknowledge()
    {
        if (Interlocked.Exchange(ref _acknowledged, 1) == 0)
        {
            _delivery?.Release();
        }
    }

    /// <summary>Async form of <see cref="Acknowledge"/> (the acknowledgement is queued to the writer, never awaited on the network).</summary>
    public ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Acknowledge();
        return ValueTask.CompletedTask;
    }
}
