namespace Twins.Mqtt.Client;

/// <summary>Who or what ended a connection.</summary>
public enum MqttDisconnectSource
{
    /// <summary>The application called DisconnectAsync or disposed the client.</summary>
    Client = 0,

    /// <summary>The broker sent DISCONNECT (its reason code is in the event).</summary>
    Server = 1,

    /// <summary>The TCP / TLS connection closed or failed.</summary>
    Transport = 2,

    /// <summary>No PINGRESP (or other packet) arrived in time: the link is dead.</summary>
    KeepAliveTimeout = 3,

    /// <summary>The broker broke the protocol; this client sent DISCONNECT with the reason and closed.</summary>
    ProtocolViolation = 4,
}
