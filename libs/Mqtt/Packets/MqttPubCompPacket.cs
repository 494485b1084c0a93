namespace Twins.Mqtt.Packets;

internal sealed class MqttPubCompPacket : MqttAckPacket
{
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
