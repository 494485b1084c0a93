using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Twins.Providers.Tests.Cluster;

/// <summary>
/// Two in-process silos (Orleans.TestingHost) whose grain storage and reminder table are the providers under test.
/// Membership stays the test cluster's own: InProcessTestCluster always registers its in-memory table
/// (UseTestClusterMembership is internal), so <see cref="ProviderClusteringTests"/> runs silos of its own for that.
/// </summary>
internal static class ProviderClusterFixture
{
    public const string StorageName = "providers";

    public static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> addProviders)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            addProviders(silo);
            // Declare a killed silo dead after a couple of missed probes, so its grains reactivate elsewhere soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static IGrainFactory GrainFactory(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();
}
