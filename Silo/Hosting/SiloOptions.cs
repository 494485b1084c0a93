namespace Twins.Silo.Hosting;

/// <summary>The silo process's Orleans settings that operators set (<c>Twins:Silo</c>), applied to Orleans' own options.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Twins:Silo";

    /// <summary>
    /// Default <see cref="CallTimeout"/>: 5 s (Orleans' own default is 30 s). The product's grain calls take milliseconds,
    /// and a call in flight to a silo that died is only answered by this timeout: with 30 s, every vehicle whose message
    /// was in flight waited 30 s in a failover (bench/README, product-failover).
    /// </summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default <see cref="CollectionAge"/>: 15 minutes idle before an activation is collected.</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>Default <see cref="ShutdownTimeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The silo's name, unique in its cluster (a pod or host name); Orleans' <c>SiloOptions.SiloName</c>.</summary>
    public string SiloName { get; set; } = "silo";

    /// <summary>How long a grain call waits for its answer (Orleans' <c>MessagingOptions.ResponseTimeout</c>, in silos and gateway processes).</summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>How long an activation may stay idle before Orleans collects it (<c>GrainCollectionOptions.CollectionAge</c>).</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How long a graceful stop may take (activations deactivated, the cluster told) before the host gives up.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;
}
