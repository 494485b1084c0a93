namespace Twins.Mqtt.Packets;

internal sealed class MqttPubRecPacket : MqttAckPacket
{
    public override MqttPacketType Type => MqttPacketType.PubRec;
}
