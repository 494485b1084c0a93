namespace Twins.Mqtt.Client;

/// <summary>A connection was established (first connect or reconnect).</summary>
public sealed class MqttClientConnectedEventArgs : EventArgs
{
    /// <summary>The CONNACK outcome.</summary>
    public required MqttClientConnectResult ConnectResult { get; init; }

    /// <summary>True when this is an automatic reconnect.</summary>
    public bool IsReconnect { get; init; }
}
