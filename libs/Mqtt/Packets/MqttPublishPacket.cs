namespace Twins.Mqtt.Packets;

internal sealed class MqttPublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>The topic name; empty when a topic alias stands for it.</summary>
    public string Topic { get; set; } = "";
    public ushort PacketIdentifier { get; set; }
    public MqttQualityOfServiceLevel Qos { get; set; }
    public bool Dup { get; set; }
    public bool Retain { get; set; }
    public ReadOnlyMemory<byte> Payload { get; set; }
    public MqttProperties? Properties { get; set; }
}
