using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors.Client;
using Twins.Actors.Membership;
using Twins.Actors.Placement;
using Twins.Actors.Tests.Cluster;
using Twins.Actors.Tests.Grains;
using Twins.Actors.Transport;
using Twins.Testing;

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

    [Fact]
    public async Task ObserverReference_HostedByClient_GrainsOnEverySiloCallItBack()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        using var client = await StartClientAsync(fixture);
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var observer = new ChatObserver();
        var reference = factory.CreateObjectReference<IChatObserver>(observer);
        var rooms = fixture.Cluster.Silos.Select(s => ClusterTransportTests.KeyOwnedBy(s, "client-room")).ToList();

        // One subscription goes through a silo, so the grain's silo was never called by the client itself.
        await factory.GetGrain<IChatGrain>(rooms[0]).SubscribeAsync(reference);
        await fixture.Cluster.Silos[0].GrainFactory.GetGrain<IChatGrain>(rooms[1]).SubscribeAsync(reference);
        var counts = new[] { await factory.GetGrain<IChatGrain>(rooms[0]).PublishAsync("from silo0"), await factory.GetGrain<IChatGrain>(rooms[1]).PublishAsync("from silo1") };

        Assert.Equal([1, 1], counts);
        Assert.Equal(["from silo0", "from silo1"], observer.Received.Select(g => g.Text));
        await client.StopAsync();
    }

    [Fact]
    public async Task ObserverReference_HostedByClient_ManyOneWayNotificationsArriveInOrder()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        using var client = await StartClientAsync(fixture);
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var observer = new ChatObserver();
        var chat = factory.GetGrain<IChatGrain>(ClusterTransportTests.KeyOwnedBy(fixture.Cluster.Silos[1], "client-ordered"));
        await chat.SubscribeAsync(factory.CreateObjectReference<IChatObserver>(observer));

        const int Count = 500;
        Assert.Equal(1, await chat.AnnounceAsync("tick", Count));
        await Poll.UntilAsync(() => Task.FromResult(observer.Count == Count), "every one-way notification to reach the client");

        Assert.Equal(Enumerable.Range(1, Count), observer.Received.Select(g => g.Count));
        await client.StopAsync();
    }

    [Fact]
    public async Task ObserverReference_SiloJoinedBeforeTheClientLinkedToIt_CallReachesTheClientThroughAnotherSilo()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        using var client = await StartClientAsync(fixture);
        var added = await fixture.Cluster.StartSiloAsync();
        await fixture.RefreshAllAsync();
        var observer = new ChatObserver();
        var reference = client.Services.GetRequiredService<IGrainFactory>().CreateObjectReference<IChatObserver>(observer);
        var key = ClusterTransportTests.KeyOwnedBy(added, "late-silo");

        // The client's clock-driven refresh has not run, so it has no link to the new silo yet.
        await fixture.Cluster.Silos[0].GrainFactory.GetGrain<IChatGrain>(key).SubscribeAsync(reference);
        var subscribers = await added.GrainFactory.GetGrain<IChatGrain>(key).PublishAsync("via a neighbour");

        Assert.Equal(2, client.Services.GetRequiredService<IClusterMembership>().CurrentView.ActiveSilos.Count);
        Assert.Equal(1, subscribers);
        Assert.Equal(["via a neighbour"], observer.Received.Select(g => g.Text));
        await client.StopAsync();
    }

    [Fact]
    public async Task ObserverReference_ClientStops_CallsFailFastAndManagerDropsIt()
    {
        await using var fixture = await ClusterFixture.StartClusteredAsync(2);
        var owner = fixture.Cluster.Silos[1];
        var key = ClusterTransportTests.KeyOwnedBy(owner, "client-gone");
        var chat = owner.GrainFactory.GetGrain<IChatGrain>(key);
        var kept = new ChatObserver();
        var other = fixture.Cluster.Silos[0].GrainFactory;
        await other.GetGrain<IChatGrain>(key).SubscribeAsync(other.CreateObjectReference<IChatObserver>(kept));
        IChatObserver reference;
        using (var client = await StartClientAsync(fixture))
        {
            // Subscribed through the client's own factory, so the reference crosses the wire as it would between processes.
            var factory = client.Services.GetRequiredService<IGrainFactory>();
            reference = factory.CreateObjectReference<IChatObserver>(new ChatObserver());
            await factory.GetGrain<IChatGrain>(key).SubscribeAsync(reference);
            Assert.Equal(2, await chat.PublishAsync("while connected"));
            await client.StopAsync();
        }

        await Poll.UntilAsync(async () => await chat.PublishAsync("after") == 1, "the grain to drop the departed client's observer");

        await Assert.ThrowsAsync<ClientNotAvailableException>(() => owner.GrainFactory.GetGrain<IChatObserver>(reference.GetGrainId()).ReceiveAsync(new Greeting("direct", 0)));

        // A one-way call to the departed client never hangs: it is passed on to another silo in case that one has the
        // client's link (nobody answers), or, while this silo still holds the closing connection, fails at once as
        // undeliverable (OneWayAttribute's contract); which one depends on how far the close has got.
        var oneWay = await Record.ExceptionAsync(() => owner.GrainFactory.GetGrain<IChatObserver>(reference.GetGrainId()).HearAsync(new Greeting("direct", 0)));
        Assert.True(oneWay is null or ClientNotAvailableException, $"a one-way call to a departed client failed with {oneWay}");
        Assert.Equal("while connected", kept.Received[0].Text);
        Assert.Equal(1, await chat.PublishAsync("still heard"));
        Assert.Equal("still heard", kept.Received[^1].Text);
    }

    private static async Task<IHost> StartClientAsync(ClusterFixture fixture)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(fixture.Time);
        builder.Services.AddTwinsClient(_ => fixture.Cluster.Membership).AddJsonSerializerContext(TestJsonContext.Default);
        var client = builder.Build();
        await client.StartAsync();
        return client;
    }
}
