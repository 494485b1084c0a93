namespace Twins.Providers.Tests.Cluster;

/// <summary>The odometer's persisted state.</summary>
[GenerateSerializer]
[Alias("Twins.Providers.Tests.OdometerState")]
public sealed class OdometerState
{
    [Id(0)]
    public int Km { get; set; }
}
