using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>The client side of a connection: receives every packet the connection does not handle itself.</summary>
internal interface IMqttConnectionOwner
{
    /// <summary>Called on the reader loop; must never block. May throw <see cref="Formatter.MqttProtocolException"/>.</summary>
    void OnPacket(MqttConnection connection, MqttPacket packet);
}
