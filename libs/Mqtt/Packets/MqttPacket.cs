namespace Twins.Mqtt.Packets;

/// <summary>Base of every MQTT control packet.</summary>
internal abstract class MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
