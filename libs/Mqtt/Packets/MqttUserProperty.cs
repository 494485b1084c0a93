namespace Twins.Mqtt.Packets;

/// <summary>A name / value pair carried as an MQTT 5 User Property; names may repeat and order is kept.</summary>
/// <param name="Name">The property name (UTF-8).</param>
/// <param name="Value">The property value (UTF-8).</param>
public sealed record MqttUserProperty(string Name, string Value);
