using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors.Client;
using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests.Client;

public sealed class ClusterClientServiceTests
{
    [Fact]
    public async Task Call_FromAClient_ReachesTheOwnerAndRoundTripsState()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(fixture.Time);
        builder.Services.AddTwinsClient(_ => fixture.Cluster.Membership).AddJsonSerializerContext(TestJsonContext.Default);
        using var client = builder.Build();
        await client.StartAsync();
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var view = client.Services.GetRequiredService<IClusterMembership>().CurrentView;

        for (var i = 0; i < 10; i++)
        {
            await factory.GetGrain<IStateGrain>($"c{i}").SetAsync(i);
        }

        Assert.Equal(2, view.ActiveSilos.Count);
        Assert.Null(client.Services.GetRequiredService<IClusterMembership>().LocalSilo);
        for (var i = 0; i < 10; i++)
        {
            var id = new GrainId("state", $"c{i}");
            var owner = fixture.Cluster.Silos.Single(s => s.Membership!.LocalSilo == RendezvousPlacement.Owner(id, view.ActiveSilos));
            Assert.True(owner.Catalog.IsActive(id));
            Assert.Equal(i, (await factory.GetGrain<IStateGrain>($"c{i}").GetAsync()).Value);
        }

        await client.StopAsync();
    }
}
