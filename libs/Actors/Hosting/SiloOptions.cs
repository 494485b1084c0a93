namespace Twins.Actors.Hosting;

/// <summary>Silo settings, bound from the <see cref="SectionName"/> configuration section and validated on start.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section: <c>Twins:Silo</c>.</summary>
    public const string SectionName = "Twins:Silo";

    /// <summary>Default <see cref="CallTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="CollectionAge"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>Default <see cref="CollectionQuantum"/>: 1 minute.</summary>
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);

    /// <summary>Default <see cref="DefaultStorageName"/>: <c>Default</c>.</summary>
    public const string DefaultStorage = "Default";

    /// <summary>This silo's name (unique in a cluster; part of observer references).</summary>
    public string SiloName { get; set; } = "silo";

    /// <summary>How long a caller waits for a grain call before it fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>How long an activation may stay unused before it is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>Most live activations; beyond it the least recently used idle ones are deactivated. 0: no bound.</summary>
    public int MaxActivations { get; set; }

    /// <summary>The storage provider used by <c>[PersistentState]</c> without a store name.</summary>
    public string DefaultStorageName { get; set; } = DefaultStorage;

    /// <summary>How long shutdown waits for activations to deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
