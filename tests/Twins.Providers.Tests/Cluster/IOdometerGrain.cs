namespace Twins.Providers.Tests.Cluster;

/// <summary>A test grain whose state lives in the storage under test.</summary>
public interface IOdometerGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="km"/> and writes the state; returns once the storage acknowledged it.</summary>
    Task<int> DriveAsync(int km);

    /// <summary>The total read by this activation.</summary>
    Task<int> ReadAsync();

    /// <summary>The silo hosting this activation.</summary>
    Task<SiloAddress> HostAsync();
}
