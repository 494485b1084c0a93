namespace Twins.Mqtt.Packets;

/// <summary>Whether a payload is opaque bytes or UTF-8 text (MQTT 5.0 §3.3.2.3.2).</summary>
public enum MqttPayloadFormatIndicator
{
    /// <summary>Unspecified bytes.</summary>
    Unspecified = 0,

    /// <summary>UTF-8 encoded character data.</summary>
    CharacterData = 1,
}
