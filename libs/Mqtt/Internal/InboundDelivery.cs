using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>
/// One received QoS 1/2 message fanned out to one or more consumers: the PUBACK / PUBREC goes out
/// when the last of them has acknowledged.
/// </summary>
internal sealed class InboundDelivery(IInboundAcknowledger owner, ushort packetIdentifier, MqttQualityOfServiceLevel qos, long sessionEpoch)
{
    private int _pending = 1;

    public ushort PacketIdentifier { get; } = packetIdentifier;

    public MqttQualityOfServiceLevel Qos { get; } = qos;

    public long SessionEpoch { get; } = sessionEpoch;

    /// <summary>One more consumer holds the message (called before it is handed out).</summary>
    public void AddConsumer() => Interlocked.Increment(ref _pending);

    public void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            owner.Acknowledge(this);
        }
    }
}
