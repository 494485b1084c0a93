using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Grains;
using Twins.Actors.Transport;
using Twins.Actors.Transport.Internal;
using Twins.Testing;

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
        HeldViewMembershipTable? callerTable = null;
        await using var fixture = await ClusterFixture.StartClusteredAsync(3, firstSiloTable: shared => callerTable = new HeldViewMembershipTable(shared));
        var silos = fixture.Cluster.Silos.ToList();
        var oldView = silos[0].Membership!.CurrentView;
        // The caller keeps its view: the fourth silo's view notice makes it refresh, and that read sees the old table.
        await callerTable!.HoldAsync();
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
        callerTable.Release();

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

    [Fact]
    public async Task ObserverReference_ObserverOnOneSiloGrainOnAnother_ReceivesEveryNotification()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var (here, there) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1]);
        var chat = here.GrainFactory.GetGrain<IChatGrain>(KeyOwnedBy(there, "chat"));
        var observer = new ChatObserver();
        var reference = here.GrainFactory.CreateObjectReference<IChatObserver>(observer);

        await chat.SubscribeAsync(reference);
        var subscribers = await chat.PublishAsync("across");

        Assert.Equal(1, subscribers);
        Assert.Equal([new Greeting("across", 1)], observer.Received);
        Assert.True(there.Catalog.IsActive(chat.GetGrainId()));
        Assert.False(here.Catalog.IsActive(chat.GetGrainId()));
    }

    [Fact]
    public async Task ObserverReference_ManyOneWayNotificationsAcrossSilos_ArriveInOrderPerObserver()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var (here, there) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1]);
        var chat = here.GrainFactory.GetGrain<IChatGrain>(KeyOwnedBy(there, "ordered"));
        var remote = new ChatObserver();
        var local = new ChatObserver();
        await chat.SubscribeAsync(here.GrainFactory.CreateObjectReference<IChatObserver>(remote));
        await chat.SubscribeAsync(there.GrainFactory.CreateObjectReference<IChatObserver>(local));

        const int Count = 500;
        Assert.Equal(2, await chat.AnnounceAsync("tick", Count));
        await Poll.UntilAsync(() => Task.FromResult(remote.Count == Count && local.Count == Count), "every one-way notification to arrive");

        Assert.Equal(Enumerable.Range(1, Count), remote.Received.Select(g => g.Count));
        Assert.Equal(Enumerable.Range(1, Count), local.Received.Select(g => g.Count));
    }

    [Fact]
    public async Task ObserverReference_HostingSiloStops_ManagerDropsItAndOthersStillHear()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var (leaving, staying, owner) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1], fixture.Cluster.Silos[2]);
        var key = KeyOwnedBy(owner, "room");
        var chat = owner.GrainFactory.GetGrain<IChatGrain>(key);
        var gone = new ChatObserver();
        var kept = new ChatObserver();
        await SubscribeFromAsync(leaving, key, gone);
        await SubscribeFromAsync(staying, key, kept);
        Assert.Equal(2, await chat.PublishAsync("before"));

        await fixture.Cluster.StopSiloAsync(leaving);
        var afterStop = await chat.PublishAsync("after");
        var later = await chat.AnnounceAsync("later", 1);
        await Poll.UntilAsync(() => Task.FromResult(kept.Count == 3), "the remaining observer to hear the one-way notification");

        Assert.Equal(1, afterStop);
        Assert.Equal(1, later);
        Assert.Equal(["before"], gone.Received.Select(g => g.Text));
        Assert.Equal(["before", "after", "later"], kept.Received.Select(g => g.Text));
    }

    [Fact]
    public async Task ObserverReference_HostingSiloKilled_CallFailsFastAndManagerDropsIt()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var (killed, staying, owner) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1], fixture.Cluster.Silos[2]);
        var key = KeyOwnedBy(owner, "crash");
        var chat = owner.GrainFactory.GetGrain<IChatGrain>(key);
        var kept = new ChatObserver();
        var orphan = await SubscribeFromAsync(killed, key, new ChatObserver());
        await SubscribeFromAsync(staying, key, kept);

        var killedAddress = killed.Membership!.LocalSilo!;
        await fixture.Cluster.KillSiloAsync(killed);
        var link = owner.Services.GetRequiredService<ClusterTransport>().Peer(killedAddress);
        await Poll.UntilAsync(() => Task.FromResult(link.Current is null), "the owner to see its link to the killed silo drop");
        var direct = owner.GrainFactory.GetGrain<IChatObserver>(orphan.GetGrainId());

        await Assert.ThrowsAsync<SiloUnavailableException>(() => direct.ReceiveAsync(new Greeting("direct", 0)));
        Assert.Equal(1, await chat.PublishAsync("after the crash"));
        Assert.Equal(["after the crash"], kept.Received.Select(g => g.Text));
    }

    [Fact]
    public async Task ObserverReference_VoidMethod_IsOneWayAndNotifyDropsAHostThatLeft()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(3);
        var (leaving, staying, owner) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1], fixture.Cluster.Silos[2]);
        var key = KeyOwnedBy(owner, "shout");
        var chat = owner.GrainFactory.GetGrain<IChatGrain>(key);
        var gone = new ChatObserver();
        var kept = new ChatObserver();
        await SubscribeFromAsync(leaving, key, gone);
        await SubscribeFromAsync(staying, key, kept);

        Assert.Equal(2, await chat.ShoutAsync("both"));
        await Poll.UntilAsync(() => Task.FromResult(gone.Count == 1 && kept.Count == 1), "both observers to hear the void call");
        await fixture.Cluster.StopSiloAsync(leaving);
        await owner.Membership!.RefreshAsync();
        var remaining = await chat.ShoutAsync("one");
        await Poll.UntilAsync(() => Task.FromResult(kept.Count == 2), "the remaining observer to hear the void call");

        Assert.Equal(1, remaining);
        Assert.Equal(["both"], gone.Received.Select(g => g.Text));
        Assert.Equal(["both", "one"], kept.Received.Select(g => g.Text));
    }

    [Fact]
    public async Task DeleteObjectReference_ObserverOnAnotherSilo_ManagerDropsItAndOneWayCallsGetNoAnswer()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var (here, there) = (fixture.Cluster.Silos[0], fixture.Cluster.Silos[1]);
        var chat = here.GrainFactory.GetGrain<IChatGrain>(KeyOwnedBy(there, "deleted"));
        var observer = new ChatObserver();
        var reference = here.GrainFactory.CreateObjectReference<IChatObserver>(observer);
        await chat.SubscribeAsync(reference);

        here.GrainFactory.DeleteObjectReference<IChatObserver>(reference);
        var oneWay = there.GrainFactory.GetGrain<IChatObserver>(reference.GetGrainId()).HearAsync(new Greeting("late", 0));

        Assert.Equal(0, await chat.PublishAsync("nobody"));
        Assert.Empty(observer.Received);
        await oneWay;
    }

    /// <summary>
    /// Subscribes an observer hosted by <paramref name="silo"/> through that silo's own factory, so the
    /// reference reaches the grain's silo over the wire (in one process, a grain called locally would keep the
    /// caller's proxy object instead).
    /// </summary>
    private static async Task<IChatObserver> SubscribeFromAsync(TestSilo silo, string key, ChatObserver observer)
    {
        var reference = silo.GrainFactory.CreateObjectReference<IChatObserver>(observer);
        await silo.GrainFactory.GetGrain<IChatGrain>(key).SubscribeAsync(reference);
        return reference;
    }

    /// <summary>A key whose grain the rendezvous placement puts on <paramref name="silo"/> under its current view.</summary>
    internal static string KeyOwnedBy(TestSilo silo, string prefix, string grainType = "chat")
    {
        var view = silo.Membership!.CurrentView;
        return Enumerable.Range(0, 1000).Select(i => $"{prefix}{i}")
            .First(k => RendezvousPlacement.Owner(new GrainId(grainType, k), view.ActiveSilos) == silo.Membership.LocalSilo);
    }
}
