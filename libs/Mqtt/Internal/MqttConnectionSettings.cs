namespace Twins.Mqtt.Internal;

/// <summary>What CONNECT / CONNACK settled for one connection.</summary>
internal sealed record MqttConnectionSettings(
    TimeSpan KeepAlive,
    TimeSpan PingTimeout,
    uint ServerMaximumPacketSize,
    ushort ServerTopicAliasMaximum,
    bool UseOutboundTopicAliases);
