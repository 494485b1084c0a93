namespace Twins.Mqtt.Packets;

internal sealed class MqttUnsubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;
    public ushort PacketIdentifier { get; set; }
    public List<string> TopicFilters { get; set; } = [];
    public MqttProperties? Properties { get; set; }
}
