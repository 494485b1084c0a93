using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

/// <summary>A one-silo test cluster with the test grains' services (journal, gate) and JSON context.</summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(Action<ISiloBuilder>? configureSilo, Action<SiloOptions>? configureOptions, bool clustered = false, Action<ClusterOptions>? configureCluster = null, Func<MemoryMembershipTable, IMembershipTable>? firstSiloTable = null)
    {
        Cluster = new TestCluster(
            silo =>
            {
                silo.AddJsonSerializerContext(TestJsonContext.Default);
                if (firstSiloTable is not null && Cluster!.Silos.Count == 0)
                {
                    silo.UseClustering(_ => firstSiloTable(Cluster.Membership));
                }

                configureSilo?.Invoke(silo);
            },
            configureOptions,
            services =>
            {
                services.AddSingleton(Journal);
                services.AddSingleton(Gate);
            },
            clustered,
            configureCluster);
    }

    public TestCluster Cluster { get; }

    public Journal Journal { get; } = new();

    public Gate Gate { get; } = new();

    public IGrainFactory Client => Cluster.Client;

    public ManualTimeProvider Time => Cluster.TimeProvider;

    public static async Task<ClusterFixture> StartAsync(Action<ISiloBuilder>? configureSilo = null, Action<SiloOptions>? configureOptions = null)
    {
        var fixture = new ClusterFixture(configureSilo, configureOptions);
        await fixture.Cluster.StartSiloAsync();
        return fixture;
    }

    /// <summary>
    /// Starts <paramref name="silos"/> clustered silos (TCP on loopback, shared membership) that all hold the
    /// newest view. With <paramref name="firstSiloTable"/> the first silo reads the shared table through the
    /// window it returns (a test that must control what that silo sees).
    /// </summary>
    public static async Task<ClusterFixture> StartClusteredAsync(int silos, Action<ClusterOptions>? configureCluster = null, Action<SiloOptions>? configureOptions = null, Func<MemoryMembershipTable, IMembershipTable>? firstSiloTable = null)
    {
        var fixture = new ClusterFixture(null, configureOptions, clustered: true, configureCluster, firstSiloTable);
        for (var i = 0; i < silos; i++)
        {
            await fixture.Cluster.StartSiloAsync();
        }

        await fixture.RefreshAllAsync();
        return fixture;
    }

    /// <summary>Makes every running silo read the membership table now.</summary>
    public async Task RefreshAllAsync()
    {
        foreach (var silo in Cluster.Silos.Where(s => s.IsRunning))
        {
            await silo.Membership!.RefreshAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        Gate.Release();
        return Cluster.DisposeAsync();
    }
}
