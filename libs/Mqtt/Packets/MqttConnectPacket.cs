namespace Twins.Mqtt.Packets;

internal sealed class MqttConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;
    public string ClientId { get; set; } = "";
    public bool CleanStart { get; set; }
    public ushort KeepAlive { get; set; }
    public string? UserName { get; set; }
    public byte[]? Password { get; set; }
    public string? WillTopic { get; set; }
    public MqttQualityOfServiceLevel WillQos { get; set; }
    public bool WillRetain { get; set; }
    public ReadOnlyMemory<byte> WillPayload { get; set; }
    public MqttProperties? WillProperties { get; set; }
    public MqttProperties? Properties { get; set; }
}
