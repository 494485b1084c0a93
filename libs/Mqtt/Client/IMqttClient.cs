namespace Twins.Mqtt.Client;

/// <summary>An MQTT 5.0 client (shaped like MQTTnet's <c>IMqttClient</c>).</summary>
public interface IMqttClient : IAsyncDisposable
{
    /// <summary>Raised after every successful connect, including automatic reconnects.</summary>
    event Func<MqttClientConnectedEventArgs, Task>? ConnectedAsync;

    /// <summary>Raised when a connection ends, with who ended it and why, and whether a reconnect follows.</summary>
    event Func<MqttClientDisconnectedEventArgs, Task>? DisconnectedAsync;

    /// <summary>True while a connection is up.</summary>
    bool IsConnected { get; }

    /// <summary>The options of the last ConnectAsync.</summary>
    MqttClientOptions? Options { get; }

    /// <summary>Receives messages of subscriptions made without their own consumer.</summary>
    /// <remarks>Created by the first <see cref="ConnectAsync"/> with <see cref="MqttClientOptions.DefaultConsumer"/>; before it, reading this property throws <see cref="InvalidOperationException"/>.</remarks>
    MqttMessageConsumer ApplicationMessages { get; }

    /// <summary>Connects once (throws <see cref="MqttConnectingFailedException"/> on failure); afterwards the reconnect state machine keeps the connection up.</summary>
    Task<MqttClientConnectResult> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken = default);

    /// <summary>Publishes; QoS 1/2 complete at the final acknowledgement and survive reconnects.</summary>
    Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage applicationMessage, CancellationToken cancellationToken = default);

    /// <summary>Subscribes and waits for SUBACK.</summary>
    Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions options, CancellationToken cancellationToken = default);

    /// <summary>Unsubscribes and waits for UNSUBACK.</summary>
    Task<MqttClientUnsubscribeResult> UnsubscribeAsync(MqttClientUnsubscribeOptions options, CancellationToken cancellationToken = default);

    /// <summary>Sends DISCONNECT with the reason and stops reconnecting. The in-memory session is kept for a later ConnectAsync.</summary>
    Task DisconnectAsync(MqttClientDisconnectOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a bounded consumer to pass to a subscribe.</summary>
    MqttMessageConsumer CreateConsumer(MqttMessageConsumerOptions? options = null);
}
