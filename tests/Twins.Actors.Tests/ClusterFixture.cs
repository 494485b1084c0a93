using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

/// <summary>A one-silo test cluster with the test grains' services (journal, gate) and JSON context.</summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(Action<ISiloBuilder>? configureSilo, Action<SiloOptions>? configureOptions)
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
            });
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

    public ValueTask DisposeAsync()
    {
        Gate.Release();
        return Cluster.DisposeAsync();
    }
}
