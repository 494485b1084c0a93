using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

/// <summary>A one-silo test cluster with the test grains' services (journal, gate) and JSON context.</summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(Action<ISiloBuilder>? configureSilo, Action<SiloOptions>? configureOptions, bool clustered = false, Action<Membership.ClusterOptions>? configureCluster = null)
    {
        Cluster = new TestCluster(
            silo =>
            {
                silo.AddJsonSerializerContext(TestJsonContext.Default);
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

    /// <summary>Starts <paramref name="silos"/> clustered silos (TCP on loopback, shared membership) that all hold the newest view.</summary>
    public static async Task<ClusterFixture> StartClusteredAsync(int silos, Action<Membership.ClusterOptions>? configureCluster = null, Action<SiloOptions>? configureOptions = null)
    {
        var fixture = new ClusterFixture(null, configureOptions, clustered: true, configureCluster);
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
