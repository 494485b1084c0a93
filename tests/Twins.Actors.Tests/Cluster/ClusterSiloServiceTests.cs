using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests.Cluster;

public sealed class ClusterSiloServiceTests
{
    [Fact]
    public async Task AddSilo_ViewChanges_OnlyGrainsWhoseOwnerChangedMoveAndKeepTheirState()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var caller = fixture.Cluster.Silos[0];
        var keys = Enumerable.Range(0, 90).Select(i => $"v{i}").ToList();
        var before = new Dictionary<string, string>();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            var grain = caller.GrainFactory.GetGrain<IStateGrain>(key);
            await grain.SetAsync(i);
            before[key] = await grain.GetActivationIdAsync();
        }

        var oldView = caller.Membership!.CurrentView;
        await fixture.Cluster.StartSiloAsync();
        await fixture.RefreshAllAsync();
        var newView = caller.Membership.CurrentView;
        var silos = fixture.Cluster.Silos;
        await Poll.UntilAsync(
            () => keys.All(k => silos.Count(s => s.Catalog.IsActive(new GrainId("state", k))) <= 1
                && !silos.Any(s => s.Catalog.IsActive(new GrainId("state", k)) && RendezvousPlacement.Owner(new GrainId("state", k), newView.ActiveSilos) != s.Membership!.LocalSilo)),
            "every silo to deactivate the grains it no longer owns");

        var moved = 0;
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            var id = new GrainId("state", key);
            var ownerChanged = RendezvousPlacement.Owner(id, oldView.ActiveSilos) != RendezvousPlacement.Owner(id, newView.ActiveSilos);
            var grain = caller.GrainFactory.GetGrain<IStateGrain>(key);
            Assert.Equal(ownerChanged, await grain.GetActivationIdAsync() != before[key]);
            Assert.Equal(i, (await grain.GetAsync()).Value);
            moved += ownerChanged ? 1 : 0;
        }

        Assert.InRange(moved, 5, 45);
    }

    [Fact]
    public async Task StopSilo_UnderContinuousCalls_NoCallFailsAndNoWriteIsLost()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var caller = fixture.Cluster.Silos[0];
        var keys = Enumerable.Range(0, 24).Select(i => $"s{i}").ToArray();
        var acknowledged = new int[keys.Length];
        var failures = new List<Exception>();
        var calls = 0;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, keys.Length).Select(w => Task.Run(async () =>
        {
            var grain = caller.GrainFactory.GetGrain<IStateGrain>(keys[w]);
            for (var value = 1; !stop.IsCancellationRequested; value++)
            {
                try
                {
                    await grain.SetAsync(value);
                    acknowledged[w] = value;
                    Interlocked.Increment(ref calls);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        })).ToArray();

        await Poll.UntilAsync(() => Volatile.Read(ref calls) > 300, "calls to flow before the stop");
        await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos[2]);
        var afterStop = Volatile.Read(ref calls);
        await Poll.UntilAsync(() => Volatile.Read(ref calls) > afterStop + 300, "calls to flow after the stop");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(failures.Count == 0, string.Join("\n----\n", failures.Take(3)));
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(acknowledged[i], (await caller.GrainFactory.GetGrain<IStateGrain>(keys[i]).GetAsync()).Value);
        }

        var table = await fixture.Cluster.Membership.ReadAllAsync();
        Assert.Equal(SiloStatus.Dead, table.Entries.Single(e => e.SiloName == "silo2").Status);
    }
}
