using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>An outbound QoS 1/2 message: queued for the send quota, then in flight until its final ack.</summary>
internal sealed class OutboundEntry(MqttPublishPacket packet)
{
    public MqttPublishPacket Packet { get; } = packet;

    public OutboundState State { get; set; } = OutboundState.Queued;

    public TaskCompletionSource<MqttClientPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Send order, for resending in order after a resume.</summary>
    public long Sequence { get; set; }
}
