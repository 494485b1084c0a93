using Twins.Actors.Tests.Grains;

namespace Twins.Actors.Tests;

public sealed class ActivationTests : IAsyncLifetime
{
    private ClusterFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Turns_ThousandConcurrentCallers_NeverOverlapOnOneActivation()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("busy");

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.EnterAsync())).ToArray();
        var maxInside = await Task.WhenAll(calls);

        Assert.Equal(1, maxInside.Max());
        Assert.Equal(1001, await grain.CountAsync());
    }

    [Fact]
    public async Task Turns_ReentrantGrain_InterleaveAtAwaits()
    {
        var grain = _fixture.Client.GetGrain<IReentrantTurnGrain>("re");

        var waiting = grain.WaitAsync();
        await _fixture.Gate.Entered;
        await grain.PingAsync();
        var log = await grain.GetLogAsync();
        _fixture.Gate.Release();
        await waiting;

        Assert.Equal(["wait-start", "ping"], log);
    }

    [Fact]
    public async Task Turns_NonReentrantGrain_WaitsForTheRunningTurn()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("exclusive");

        var waiting = grain.WaitAsync();
        await _fixture.Gate.Entered;
        var ping = grain.PingAsync();
        var whileBlocked = await grain.GetLogAsync();
        _fixture.Gate.Release();
        await Task.WhenAll(waiting, ping);

        Assert.Equal(["wait-start"], whileBlocked);
        Assert.Equal(["wait-start", "wait-end", "ping"], await grain.GetLogAsync());
    }

    [Fact]
    public async Task Turns_ReadOnlyCalls_InterleaveWithEachOtherButNotWithWrites()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("readers");

        var reading = grain.ReadOnlyWaitAsync();
        await _fixture.Gate.Entered;
        await grain.ReadOnlyPingAsync();
        var write = grain.PingAsync();
        var whileReading = await grain.GetLogAsync();
        _fixture.Gate.Release();
        await Task.WhenAll(reading, write);

        Assert.Equal(["ro-wait-start", "ro-ping"], whileReading);
        Assert.Equal(["ro-wait-start", "ro-ping", "ro-wait-end", "ping"], await grain.GetLogAsync());
    }

    [Fact]
    public async Task Call_GrainThrows_CallerGetsTypeAndMessageAndActivationStaysUsable()
    {
        var grain = _fixture.Client.GetGrain<ITurnGrain>("thrower");
        var before = await grain.CountAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("bad plate"));

        Assert.Equal("bad plate", error.Message);
        Assert.Equal(before + 1, await grain.CountAsync());
    }

    [Fact]
    public async Task Call_GrainCallsGrain_ResumesOnItsOwnActivation()
    {
        var caller = _fixture.Client.GetGrain<ITurnGrain>("caller");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => caller.CountOtherAsync("callee")));

        Assert.Equal(Enumerable.Range(1, 50), answers.Order());
    }

    [Fact]
    public async Task Timer_TicksAsTurns_NeverInsideARunningCall()
    {
        var grain = _fixture.Client.GetGrain<ITimerGrain>("clock");
        await grain.StartAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        var waiting = grain.WaitAsync();
        await _fixture.Gate.Entered;
        _fixture.Time.Advance(TimeSpan.FromSeconds(10));
        _fixture.Gate.Release();
        await waiting;
        var afterFirst = await grain.GetTicksAsync();
        _fixture.Time.Advance(TimeSpan.FromSeconds(10));
        var afterSecond = await grain.GetTicksAsync();

        Assert.Equal(1, afterFirst);
        Assert.Equal(2, afterSecond);
        Assert.Equal(0, _fixture.Journal.Count("tick-inside-call"));
    }

    [Fact]
    public async Task Timer_Disposed_StopsTicking()
    {
        var grain = _fixture.Client.GetGrain<ITimerGrain>("stopped");
        await grain.StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await grain.GetTicksAsync());

        await grain.StopAsync();
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, await grain.GetTicksAsync());
    }
}
