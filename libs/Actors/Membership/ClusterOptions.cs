namespace Twins.Actors.Membership;

/// <summary>Cluster settings, bound from <see cref="SectionName"/> and validated on start.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section: <c>Twins:Cluster</c>.</summary>
    public const string SectionName = "Twins:Cluster";

    /// <summary>Default <see cref="HeartbeatInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="RefreshInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="DeathTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultDeathTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="LinkDeathTimeout"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultLinkDeathTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Default <see cref="MaxForwardCount"/>: 4.</summary>
    public const int DefaultMaxForwardCount = 4;

    /// <summary>The cluster's id: silos and clients with the same id form one cluster (and share storage keys).</summary>
    public string ServiceId { get; set; } = "twins";

    /// <summary>The address other silos and clients connect to (a loopback or host address, not 0.0.0.0).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The silo's TCP port for silo-to-silo and client calls (0: pick a free one).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>How often a silo writes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>How often a silo (or client) reads the table to learn new views and to look for dead silos.</summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;

    /// <summary>
    /// A silo whose heartbeat is older than this is declared dead; a silo that cannot reach the table
    /// for this long stops serving and exits.
    /// </summary>
    public TimeSpan DeathTimeout { get; set; } = DefaultDeathTimeout;

    /// <summary>
    /// A silo whose endpoint refuses connections (nothing listens there any more) for this long is declared
    /// dead before its heartbeat times out. Zero disables link-based detection.
    /// </summary>
    public TimeSpan LinkDeathTimeout { get; set; } = DefaultLinkDeathTimeout;

    /// <summary>How many times a call answered "moved" is retried on the newer view before it fails.</summary>
    public int MaxForwardCount { get; set; } = DefaultMaxForwardCount;
}
