using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Grains;
using Twins.Actors.Transport;

namespace Twins.Actors.Tests.Cluster;

public sealed class ClusterTransportTests
{
    [Fact]
    public async Task Call_FromEverySilo_ReachesOneActivationOnTheOwner()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var silos = fixture.Cluster.Silos;
        var view = silos[0].Membership!.CurrentView;
        Assert.Equal(3, view.ActiveSilos.Count);
        Assert.All(silos, s => Assert.Equal(view.Version, s.Membership!.CurrentView.Version));

        for (var i = 0; i < 30; i++)
        {
            var ids = new List<string>();
            foreach (var silo in silos)
            {
                ids.Add(await silo.GrainFactory.GetGrain<IStateGrain>($"g{i}").GetActivationIdAsync());
            }

            var grainId = silos[0].GrainFactory.GetGrain<IStateGrain>($"g{i}").GetGrainId();
            Assert.Single(ids.Distinct());
            var hosts = silos.Where(s => s.Catalog.IsActive(grainId)).Select(s => s.Membership!.LocalSilo).ToList();
            Assert.Equal([RendezvousPlacement.Owner(grainId, view.ActiveSilos)], hosts);
        }
    }

    [Fact]
    public async Task Call_CallerViewIsStale_OldOwnerAnswersMovedAndTheCallReachesTheNewOwner()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var silos = fixture.Cluster.Silos.ToList();
        var oldView = silos[0].Membership!.CurrentView;
        var added = await fixture.Cluster.StartSiloAsync();
        foreach (var silo in new[] { silos[1], silos[2], added })
        {
            await silo.Membership!.RefreshAsync();
        }

        var newView = added.Membership!.CurrentView;
        var caller = silos[0];
        Assert.Equal(oldView.Version, caller.Membership!.CurrentView.Version);
        var key = Enumerable.Range(0, 1000).Select(i => $"m{i}").First(k =>
        {
            var id = new GrainId("state", k);
            var oldOwner = RendezvousPlacement.Owner(id, oldView.ActiveSilos);
            return oldOwner != caller.Membership.LocalSilo && RendezvousPlacement.Owner(id, newView.ActiveSilos) == added.Membership.LocalSilo;
        });

        await caller.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(5);

        var grainId = new GrainId("state", key);
        Assert.True(added.Catalog.IsActive(grainId));
        Assert.DoesNotContain(silos, s => s.Catalog.IsActive(grainId));
        Assert.Equal(newView.Version, caller.Membership.CurrentView.Version);
        Assert.Equal(5, (await added.GrainFactory.GetGrain<IStateGrain>(key).GetAsync()).Value);
    }

    [Fact]
    public async Task Call_GrainThrowsOnAnotherSilo_CallerSeesTheExceptionTypeAndMessage()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var caller = fixture.Cluster.Silos[0];
        var view = caller.Membership!.CurrentView;
        var key = Enumerable.Range(0, 100).Select(i => $"t{i}").First(k => RendezvousPlacement.Owner(new GrainId("turn", k), view.ActiveSilos) != caller.Membership.LocalSilo);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => caller.GrainFactory.GetGrain<ITurnGrain>(key).ThrowAsync("boom on the other silo"));

        Assert.Equal("boom on the other silo", error.Message);
        Assert.Equal(1, await caller.GrainFactory.GetGrain<ITurnGrain>(key).CountAsync());
    }

    [Fact]
    public async Task Call_ManyConcurrentCallsAcrossSilos_EachGrainRunsEveryCallOnce()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var caller = fixture.Cluster.Silos[0];
        var grains = Enumerable.Range(0, 20).Select(i => caller.GrainFactory.GetGrain<ITurnGrain>($"c{i}")).ToList();

        var results = await Task.WhenAll(grains.Select(g => Task.WhenAll(Enumerable.Range(0, 50).Select(_ => g.CountAsync()))));

        Assert.All(results, counts => Assert.Equal(Enumerable.Range(1, 50), counts.Order()));
    }

    [Fact]
    public async Task Call_NoActiveSilo_FailsWithSiloUnavailable()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(1);
        var silo = fixture.Cluster.Silos[0];
        var table = fixture.Cluster.Membership;
        var snapshot = await table.ReadAllAsync();
        await table.TryWriteStatusAsync(snapshot.Entries[0] with { Status = SiloStatus.Dead }, snapshot.Version);

        await silo.Membership!.RefreshAsync();

        Assert.False(silo.Membership.IsServing);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.GrainFactory.GetGrain<IStateGrain>("x").GetAsync());
    }
}
