namespace Twins.Testing.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_PastDueTime_FiresOneShotTimerOnce()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Advance_OverSeveralPeriods_FiresPeriodicTimerAtEachDueTime()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(start);
        var seen = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(5)], seen);
        Assert.Equal(start.AddSeconds(6), clock.GetUtcNow());
    }

    [Fact]
    public async Task Delay_ThroughProvider_CompletesOnlyWhenClockAdvances()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(15), clock);

        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(15));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void GetElapsedTime_FollowsTheManualClock()
    {
        var clock = new ManualTimeProvider();
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(started));
    }

    [Fact]
    public void Dispose_BeforeDue_TimerNeverFires()
    {
        var clock = new ManualTimeProvider();
        var fired = false;
        var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(fired);
    }
}
