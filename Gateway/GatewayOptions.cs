namespace Twins.Gateway;

/// <summary>Settings of the MQTT gateway, bound from the <c>Gateway</c> section and validated on start.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Default <see cref="Workers"/>.</summary>
    public const int DefaultWorkers = 2;

    /// <summary>Default <see cref="LanesPerWorker"/>: messages of different vehicles handled concurrently per worker.</summary>
    public const int DefaultLanesPerWorker = 16;

    /// <summary>Default <see cref="ReceiveMaximum"/>: unacknowledged messages the broker may send one worker.</summary>
    public const ushort DefaultReceiveMaximum = 256;

    /// <summary>Default <see cref="MaxInFlightPerThing"/>: AWS IoT Device Shadow's limit of 10 in-flight requests per thing.</summary>
    public const int DefaultMaxInFlightPerThing = 10;

    /// <summary>Default <see cref="MaxPayloadBytes"/>: 128 KiB, AWS IoT Core's largest MQTT message payload.</summary>
    public const int DefaultMaxPayloadBytes = 128 * 1024;

    /// <summary>Run gateway workers in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The broker's host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The broker's port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Mutual TLS to the broker with the gateway's client certificate (<c>Gateway:Tls</c>); off by default.</summary>
    public Certificates.GatewayTlsOptions Tls { get; set; } = new();

    /// <summary>How many workers (MQTT connections sharing the subscriptions) this process runs.</summary>
    public int Workers { get; set; } = DefaultWorkers;

    /// <summary>
    /// How workers split topics that start with <c>$</c> (<c>$aws/...</c>). <see cref="DollarTopicMode.Partitioned"/>
    /// (the default): every worker subscribes to them plainly and keeps the vehicles whose hash falls in its
    /// partition, because mosquitto 2.0 never matches a <c>$share/...</c> filter against a <c>$</c> topic.
    /// <see cref="DollarTopicMode.Shared"/>: shared subscriptions like every other topic (EMQX, HiveMQ, and
    /// required when several gateway processes share one broker).
    /// </summary>
    public DollarTopicMode DollarTopics { get; set; } = DollarTopicMode.Partitioned;

    /// <summary>The shared-subscription group: <c>$share/{ShareGroup}/...</c>.</summary>
    public string ShareGroup { get; set; } = "twins";

    /// <summary>
    /// Prefix of the workers' client ids (<c>{prefix}-{n}</c>) and the publisher's (<c>{prefix}-out</c>); must
    /// be unique per gateway process, since two connections with one id take each other over.
    /// </summary>
    public string ClientIdPrefix { get; set; } = "twins-gateway";

    /// <summary>Per worker: vehicles handled concurrently (messages of one vehicle always go to the same lane, in order).</summary>
    public int LanesPerWorker { get; set; } = DefaultLanesPerWorker;

    /// <summary>Per worker: messages the broker may have in flight (the bound on in-flight work).</summary>
    public ushort ReceiveMaximum { get; set; } = DefaultReceiveMaximum;

    /// <summary>How long the broker keeps a worker's session (and its unacknowledged messages) after the worker vanishes.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of a grain call that failed by itself (the grain's own exception) before the message is given up (acknowledged and counted as failed).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long a grain call that failed because the cluster is changing (its silo died or left, a timeout, the store
    /// unreachable) is tried again, with backoff from 0.1 s to 1 s, before the message is given up. Longer than the
    /// cluster's failure detection (<c>Twins:Cluster:DeathTimeout</c>, 10 s), so a failover drops nothing.
    /// </summary>
    public TimeSpan TransientRetryWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Replaces <c>$aws</c> in the AWS-shaped topics (must match the grains' <c>Twins:Vehicles:AwsTopicPrefix</c>).</summary>
    public string AwsTopicPrefix { get; set; } = "$aws";

    /// <summary>The prefix of Twins' own topics.</summary>
    public string TwinsTopicPrefix { get; set; } = "twins";

    /// <summary>First reconnect delay (exponential backoff with full jitter up to <see cref="MaxReconnectDelay"/>).</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Shadow requests of one thing a worker holds (queued or being handled) before it answers further ones at
    /// once with the contract's <c>429 Too Many Requests</c> on the operation's <c>/rejected</c> topic.
    /// </summary>
    public int MaxInFlightPerThing { get; set; } = DefaultMaxInFlightPerThing;

    /// <summary>
    /// Largest inbound payload handed to a grain; a larger shadow request is answered <c>413</c>, anything else is
    /// dropped and counted. Set the broker's <c>message_size_limit</c> to match so it refuses them first.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;

    /// <summary>
    /// Name of an MQTT 5 user property carrying the publisher's authenticated identity (its certificate CN), for
    /// brokers that stamp one on every message and overwrite any value the client sent (a broker plugin or rule).
    /// When set, a vehicle message whose topic names another thing than this identity, or that lacks it, is
    /// refused and counted (<c>identity-mismatch</c>). Unset (the default, and right for mosquitto, which stamps
    /// nothing): the broker's ACL is the only enforcement point (deploy/mosquitto/acl).
    /// </summary>
    public string? PublisherIdentityProperty { get; set; }
}
