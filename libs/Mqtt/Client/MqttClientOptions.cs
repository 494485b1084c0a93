using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>How an <see cref="MqttClient"/> connects and behaves. Build with <see cref="MqttClientOptionsBuilder"/>.</summary>
public sealed class MqttClientOptions
{
    /// <summary>Default <see cref="KeepAlivePeriod"/>: 60 s.</summary>
    public static readonly TimeSpan DefaultKeepAlivePeriod = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="Timeout"/> for CONNACK, SUBACK and UNSUBACK: 10 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="ReceiveMaximum"/>: 100 unacknowledged QoS 1/2 messages from the broker.</summary>
    public const ushort DefaultReceiveMaximum = 100;

    /// <summary>Default <see cref="MaximumPacketSize"/>: 1 MiB.</summary>
    public const uint DefaultMaximumPacketSize = 1024 * 1024;

    /// <summary>Broker host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Broker port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>TLS settings; plain TCP unless <see cref="MqttClientTlsOptions.UseTls"/>.</summary>
    public MqttClientTlsOptions Tls { get; init; } = new();

    /// <summary>The client identifier; empty asks the broker to assign one. Must be unique per connection.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>Start a new session (discarding any on the broker) on the first connect. Reconnects always resume.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>Session Expiry Interval in seconds: how long the broker keeps the session after a disconnect (0 = ends with the connection).</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Keep-alive period (0 disables). The broker may override it with Server Keep Alive.</summary>
    public TimeSpan KeepAlivePeriod { get; init; } = DefaultKeepAlivePeriod;

    /// <summary>How long to wait for PINGRESP (or any packet) after a PINGREQ before declaring the link dead; defaults to the keep-alive period.</summary>
    public TimeSpan? PingTimeout { get; init; }

    /// <summary>Timeout for CONNACK, SUBACK and UNSUBACK.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>User name.</summary>
    public string? UserName { get; init; }

    /// <summary>Password bytes.</summary>
    public ReadOnlyMemory<byte>? Password { get; init; }

    /// <summary>How many unacknowledged QoS 1/2 messages the broker may send at once (our in-flight window).</summary>
    public ushort ReceiveMaximum { get; init; } = DefaultReceiveMaximum;

    /// <summary>The largest packet this client accepts; larger ones end the connection with 0x95.</summary>
    public uint MaximumPacketSize { get; init; } = DefaultMaximumPacketSize;

    /// <summary>How many topic aliases the broker may use towards this client (0 = none).</summary>
    public ushort TopicAliasMaximum { get; init; } = 16;

    /// <summary>Use topic aliases for outbound PUBLISH when the broker allows them.</summary>
    public bool UseOutboundTopicAliases { get; init; } = true;

    /// <summary>Ask for Reason Strings and User Properties on failures.</summary>
    public bool RequestProblemInformation { get; init; } = true;

    /// <summary>Ask the broker for Response Information in CONNACK.</summary>
    public bool RequestResponseInformation { get; init; }

    /// <summary>User Properties sent with CONNECT.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>The Will Message the broker publishes if this client vanishes (topic, payload, QoS, retain and properties).</summary>
    public MqttApplicationMessage? WillMessage { get; init; }

    /// <summary>Will Delay Interval in seconds: the broker waits this long (and for the session to end) before publishing the will.</summary>
    public uint WillDelayInterval { get; init; }

    /// <summary>The reconnect state machine.</summary>
    public MqttReconnectOptions Reconnect { get; init; } = new();

    /// <summary>The client's default consumer, which receives messages of subscriptions made without a consumer.</summary>
    public MqttMessageConsumerOptions DefaultConsumer { get; init; } = new();

    /// <summary>Clock for keep-alive, timeouts and backoff (a manual clock in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Keep a session the broker still holds for this client id although this client has no state for it
    /// (a restarted process connecting with <see cref="CleanStart"/> false), instead of closing and starting
    /// clean as MQTT 5 §3.2.2-4 asks. A subscriber needs this for at-least-once across a crash: the broker
    /// then redelivers the messages it sent but never had acknowledged (mosquitto does not hand them to
    /// another member of a shared subscription). Redelivered messages go to the default consumer until
    /// the application subscribes again.
    /// </summary>
    public bool AdoptBrokerSession { get; init; }

    /// <summary>Republish QoS 1 and unconfirmed QoS 2 messages as new messages when the broker lost the session (Session Present = 0); otherwise they fail.</summary>
    public bool RepublishAfterSessionLoss { get; init; } = true;
}
