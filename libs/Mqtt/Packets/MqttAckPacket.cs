namespace Twins.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL and PUBCOMP share one layout: id, reason code, properties.</summary>
internal abstract class MqttAckPacket : MqttPacket
{
    public ushort PacketIdentifier { get; set; }
    public MqttReasonCode ReasonCode { get; set; }
    public MqttProperties? Properties { get; set; }
}
