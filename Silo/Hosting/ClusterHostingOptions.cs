namespace Twins.Silo.Hosting;

/// <summary>
/// How the product's processes form an Orleans cluster, bound from <c>Twins:Cluster</c> and checked before the
/// host is built. Orleans' failure detection settings (<c>ClusterMembershipOptions</c>) can be overridden under
/// <c>Twins:Cluster:Membership</c>; <see cref="FailureDetection"/> says what the product chooses and why.
/// </summary>
public sealed class ClusterHostingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Twins:Cluster";

    /// <summary>Default <see cref="CertificateAuthorityWait"/>: 2 minutes.</summary>
    public static readonly TimeSpan DefaultCertificateAuthorityWait = TimeSpan.FromMinutes(2);

    /// <summary>Default <see cref="ServiceId"/>.</summary>
    public const string DefaultServiceId = "twins";

    /// <summary>Default <see cref="SiloPort"/> of a clustered silo (Orleans' usual silo-to-silo port).</summary>
    public const int DefaultClusteredSiloPort = 11111;

    /// <summary>Default <see cref="GatewayPort"/> of a clustered silo (Orleans' usual client gateway port).</summary>
    public const int DefaultClusteredGatewayPort = 30000;

    /// <summary>The cluster's identity (Orleans' ServiceId and ClusterId): silos and gateway processes with the same value form one cluster.</summary>
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>The address other silos and gateway processes reach this silo at (not a wildcard).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port; 0: <see cref="DefaultClusteredSiloPort"/> in a cluster, a free loopback port for a single process.</summary>
    public int SiloPort { get; set; }

    /// <summary>The port gateway processes (Orleans clients) connect to; 0: <see cref="DefaultClusteredGatewayPort"/> in a cluster, none for a single process.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Where membership, grain state, reminders and the fleet index live; <see cref="ClusterProvider.Local"/> (one process) by default.</summary>
    public ClusterProvider Provider { get; set; } = ClusterProvider.Local;

    /// <summary><see cref="ClusterProvider.Sqlite"/>: the SQLite file every silo of the machine shares (relative: under the working directory).</summary>
    public string? SqliteDatabase { get; set; }

    /// <summary><see cref="ClusterProvider.DynamoDb"/>: endpoint, region, table prefix and credentials.</summary>
    public DynamoDbConnectionOptions DynamoDb { get; set; } = new();

    /// <summary>
    /// This silo creates the fleet CA (root, issuing CA, ownership-token key) in its certificate folder when it
    /// is missing. At most one silo of a cluster may say so; every other silo copies the material from
    /// <see cref="CertificateAuthoritySource"/>.
    /// </summary>
    public bool CertificateAuthorityOwner { get; set; }

    /// <summary>
    /// A folder holding the fleet CA's <c>root.crt.pem</c>, <c>issuing.crt.pem</c>, <c>issuing.key.pem</c> and
    /// <c>ownership-token.key</c> (the owner's certificate folder, or a mounted Secret), copied into this silo's
    /// certificate folder at start when that has no CA yet.
    /// </summary>
    public string? CertificateAuthoritySource { get; set; }

    /// <summary>How long a silo waits at start for <see cref="CertificateAuthoritySource"/> to hold the CA (the owner may still be creating it).</summary>
    public TimeSpan CertificateAuthorityWait { get; set; } = DefaultCertificateAuthorityWait;

    /// <summary>True unless <see cref="Provider"/> is <see cref="ClusterProvider.Local"/>.</summary>
    public bool IsClustered => Provider != ClusterProvider.Local;
}
