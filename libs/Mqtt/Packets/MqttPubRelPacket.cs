namespace Twins.Mqtt.Packets;

internal sealed class MqttPubRelPacket : MqttAckPacket
{
    public override MqttPacketType Type => MqttPacketType.PubRel;
}
