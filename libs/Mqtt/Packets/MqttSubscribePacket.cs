namespace Twins.Mqtt.Packets;

internal sealed class MqttSubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;
    public ushort PacketIdentifier { get; set; }
    public List<MqttTopicFilter> TopicFilters { get; set; } = [];
    public MqttProperties? Properties { get; set; }
}
