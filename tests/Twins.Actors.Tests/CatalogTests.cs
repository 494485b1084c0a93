using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

public sealed class CatalogTests : IAsyncLifetime
{
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync(configureOptions: o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
        o.CallTimeout = TimeSpan.FromSeconds(5);
        o.MaxActivations = 3;
    });

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task CollectIdle_UnusedLongerThanCollectionAge_DeactivatesAndReactivatesOnNextCall()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("idle");
        var firstActivation = await grain.GetActivationIdAsync();

        _fixture.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(_fixture.Cluster.Primary.Catalog.IsActive(grain.GetGrainId()));
        _fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await Poll.UntilAsync(() => _fixture.Journal.Count("deactivate idle ActivationIdle") == 1, "idle deactivation");

        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
        Assert.Equal(2, _fixture.Journal.Count("activate idle value=0"));
    }

    [Fact]
    public async Task DelayDeactivation_KeepsAnIdleActivationAlive()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("kept");
        await grain.KeepAliveAsync(TimeSpan.FromMinutes(30));

        _fixture.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(_fixture.Cluster.Primary.Catalog.IsActive(grain.GetGrainId()));
        Assert.Equal(0, _fixture.Journal.Count("deactivate kept ActivationIdle"));
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheTurnAndNextCallGetsANewActivation()
    {
        var grain = _fixture.Client.GetGrain<IStateGrain>("leaving");
        var first = await grain.GetActivationIdAsync();

        await grain.DeactivateAsync();
        var second = await grain.GetActivationIdAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(1, _fixture.Journal.Count("deactivate leaving ApplicationRequested"));
    }

    [Fact]
    public async Task MaxActivations_Exceeded_DeactivatesTheLeastRecentlyUsed()
    {
        var a = _fixture.Client.GetGrain<IStateGrain>("a");
        var b = _fixture.Client.GetGrain<IStateGrain>("b");
        var c = _fixture.Client.GetGrain<IStateGrain>("c");
        var d = _fixture.Client.GetGrain<IStateGrain>("d");
        foreach (var grain in new[] { a, b, c, a })
        {
            await grain.GetAsync();
            _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await d.GetAsync();
        await Poll.UntilAsync(() => _fixture.Journal.Count("deactivate b CapacityExceeded") == 1, "the least recently used activation to go");

        var catalog = _fixture.Cluster.Primary.Catalog;
        Assert.True(catalog.IsActive(a.GetGrainId()));
        Assert.True(catalog.IsActive(c.GetGrainId()));
        Assert.True(catalog.IsActive(d.GetGrainId()));
        Assert.False(catalog.IsActive(b.GetGrainId()));
    }

    [Fact]
    public async Task Call_NoAnswerWithinCallTimeout_FailsWithTimeoutAndGrainStaysUsable()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("slow");
        var waiting = grain.WaitAsync();
        await _fixture.Gate.Entered;

        _fixture.Time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Contains("turn/slow", error.Message, StringComparison.Ordinal);
        _fixture.Gate.Release();
        Assert.Equal(1, await grain.CountAsync());
    }

    [Fact]
    public async Task Call_GrainTypeWithoutClass_FailsNamingTheType()
    {
        var grain = _fixture.Client.GetGrain<IOrphanGrain>("nobody");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.PingAsync());

        Assert.Contains("'orphan'", error.Message, StringComparison.Ordinal);
    }
}
