using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Grains;
using Twins.Actors.Transport;
using Twins.Testing;

namespace Twins.Actors.Tests.Cluster;

public sealed class MembershipAgentTests
{
    [Fact]
    public async Task Join_ThreeSilos_TableHoldsThreeActiveRowsAndAVersionPerStatusChange()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);

        var snapshot = await fixture.Cluster.Membership.ReadAllAsync();

        Assert.Equal(6, snapshot.Version);
        Assert.Equal(3, snapshot.Entries.Count(e => e.Status == SiloStatus.Active));
        Assert.Equal(["silo0", "silo1", "silo2"], snapshot.Entries.Select(e => e.SiloName).Order());
    }

    [Fact]
    public async Task Kill_HeartbeatsStop_DeclaredDeadOnlyAfterTheDeathTimeoutAndItsGrainsMove()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3, o => o.LinkDeathTimeout = TimeSpan.Zero);
        var (survivor, victim) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[2]);
        var victimAddress = victim.Membership!.LocalSilo!;
        var view = survivor.Membership!.CurrentView;
        var key = Enumerable.Range(0, 1000).Select(i => $"k{i}").First(k => RendezvousPlacement.Owner(new GrainId("state", k), view.ActiveSilos) == victimAddress);
        await survivor.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(42);

        await fixture.Cluster.KillSiloAsync(victim);
        for (var i = 0; i < 9; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await survivor.Membership.RefreshAsync();
        Assert.Equal(SiloStatus.Active, survivor.Membership.CurrentView.StatusOf(victimAddress));

        for (var i = 0; i < 3; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Poll.UntilAsync(() => survivor.Membership.CurrentView.StatusOf(victimAddress) == SiloStatus.Dead, "the killed silo to be declared dead");
        Assert.Equal(42, (await survivor.GrainFactory.GetGrain<IStateGrain>(key).GetAsync()).Value);
        Assert.Equal(SiloStatus.Dead, (await fixture.Cluster.Membership.ReadAllAsync()).Find(victimAddress)!.Status);
    }

    [Fact]
    public async Task Kill_EndpointRefusesConnections_DeclaredDeadAfterTheLinkTimeout()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2, o => o.LinkDeathTimeout = TimeSpan.FromSeconds(2));
        var (survivor, victim) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1]);
        var victimAddress = victim.Membership!.LocalSilo!;
        var key = Enumerable.Range(0, 1000).Select(i => $"k{i}").First(k => RendezvousPlacement.Owner(new GrainId("state", k), survivor.Membership!.CurrentView.ActiveSilos) == victimAddress);
        await survivor.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(1);

        await fixture.Cluster.KillSiloAsync(victim);
        // The first call may still go out on the dying connection; the next one finds nothing listening.
        await Assert.ThrowsAsync<SiloUnavailableException>(() => survivor.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(2));
        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(() => survivor.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(2));
        Assert.Contains("unreachable", refused.Message, StringComparison.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Poll.UntilAsync(() => survivor.Membership!.CurrentView.StatusOf(victimAddress) == SiloStatus.Dead, "the unreachable silo to be declared dead");
        await survivor.GrainFactory.GetGrain<IStateGrain>(key).SetAsync(3);
        Assert.Equal(3, (await survivor.GrainFactory.GetGrain<IStateGrain>(key).GetAsync()).Value);
    }

    [Fact]
    public async Task Refresh_SiloFindsItselfDead_StopsServingAtOnce()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var (other, doomed) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1]);
        var table = fixture.Cluster.Membership;
        var snapshot = await table.ReadAllAsync();
        await table.TryWriteStatusAsync(snapshot.Find(doomed.Membership!.LocalSilo!)! with { Status = SiloStatus.Dead }, snapshot.Version);

        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !doomed.Membership.IsServing, "the silo declared dead to stop serving");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => doomed.GrainFactory.GetGrain<IStateGrain>("a").GetAsync());
        await other.Membership!.RefreshAsync();
        await other.GrainFactory.GetGrain<IStateGrain>("a").SetAsync(1);
        Assert.Single(other.Membership.CurrentView.ActiveSilos);
    }

    [Fact]
    public async Task Heartbeat_TableUnreachablePastTheTimeout_SiloStopsServing()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(1);
        var silo = fixture.Cluster.Silos[0];
        fixture.Cluster.Membership.Failure = new IOException("table offline");

        for (var i = 0; i < 9; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(silo.Membership!.IsServing);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));

        await Poll.UntilAsync(() => !silo.Membership.IsServing, "the silo cut off from its table to stop serving");
        fixture.Cluster.Membership.Failure = null;
    }
}
