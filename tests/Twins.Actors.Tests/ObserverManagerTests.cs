using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests;

public sealed class ObserverManagerTests : IAsyncLifetime
{
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Notify_Subscribed_ObserverReceivesThroughItsReference()
    {
        var chat = _fixture.Client.GetGrain<IChatGrain>("room");
        var observer = new ChatObserver();
        var reference = _fixture.Client.CreateObjectReference<IChatObserver>(observer);

        await chat.SubscribeAsync(reference);
        var subscribers = await chat.PublishAsync("hello");

        Assert.Equal(1, subscribers);
        Assert.Equal([new Greeting("hello", 1)], observer.Received);
        Assert.StartsWith("observer/", reference.GetGrainId().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_SubscriptionNotRenewed_ExpiresAndIsNotNotified()
    {
        var chat = _fixture.Client.GetGrain<IChatGrain>("quiet");
        var observer = new ChatObserver();
        await chat.SubscribeAsync(_fixture.Client.CreateObjectReference<IChatObserver>(observer));

        _fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var subscribers = await chat.PublishAsync("anyone?");

        Assert.Equal(0, subscribers);
        Assert.Empty(observer.Received);
    }

    [Fact]
    public async Task Notify_SubscriptionRenewed_StaysSubscribed()
    {
        var chat = _fixture.Client.GetGrain<IChatGrain>("renewed");
        var observer = new ChatObserver();
        var reference = _fixture.Client.CreateObjectReference<IChatObserver>(observer);
        await chat.SubscribeAsync(reference);

        _fixture.Time.Advance(TimeSpan.FromSeconds(50));
        await chat.SubscribeAsync(reference);
        _fixture.Time.Advance(TimeSpan.FromSeconds(50));
        await chat.PublishAsync("still here");

        Assert.Single(observer.Received);
    }

    [Fact]
    public async Task Notify_ReferenceDeleted_SubscriberIsDropped()
    {
        var chat = _fixture.Client.GetGrain<IChatGrain>("gone");
        var observer = new ChatObserver();
        var reference = _fixture.Client.CreateObjectReference<IChatObserver>(observer);
        await chat.SubscribeAsync(reference);

        _fixture.Client.DeleteObjectReference<IChatObserver>(reference);
        var afterFailure = await chat.PublishAsync("lost");

        Assert.Equal(0, afterFailure);
        Assert.Empty(observer.Received);
    }
}
