namespace Twins.Mqtt.Packets;

internal sealed class MqttPubAckPacket : MqttAckPacket
{
    public override MqttPacketType Type => MqttPacketType.PubAck;
}
