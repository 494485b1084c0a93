using Twins.Testing;

namespace Twins.Simulator.Tests;

public sealed class TelemetryScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void NextDelay_SlowPublishes_KeepOneSamplePerIntervalWithoutDrift()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var schedule = new TelemetrySchedule(time, Second, TimeSpan.FromMilliseconds(300), maximumCatchUp: 5);
        var sentAt = new List<TimeSpan>();

        for (var i = 0; i < 10; i++)
        {
            time.Advance(schedule.NextDelay(out var skipped));
            Assert.Equal(0, skipped);
            sentAt.Add(time.GetUtcNow() - start);
            time.Advance(TimeSpan.FromMilliseconds(250)); // the publish (and a late timer) takes a quarter of the period
            schedule.Sent();
        }

        // Ten samples in nine periods after the first, each on the grid: the publish time is not added to the period.
        Assert.Equal(Enumerable.Range(0, 10).Select(k => TimeSpan.FromMilliseconds(300) + (k * Second)), sentAt);
    }

    [Fact]
    public void NextDelay_ALittleBehind_CatchesUpAtOnce()
    {
        var time = new ManualTimeProvider();
        var schedule = new TelemetrySchedule(time, Second, TimeSpan.Zero, maximumCatchUp: 5);
        time.Advance(TimeSpan.FromSeconds(2.5)); // samples due at 0, 1 and 2 s

        var immediate = 0;
        while (schedule.NextDelay(out var skipped) == TimeSpan.Zero)
        {
            Assert.Equal(0, skipped);
            immediate++;
            schedule.Sent();
        }

        Assert.Equal(3, immediate);
        Assert.Equal(TimeSpan.FromSeconds(0.5), schedule.NextDelay(out _));
    }

    [Fact]
    public void NextDelay_FarBehind_SkipsAllButTheCatchUpAllowance()
    {
        var time = new ManualTimeProvider();
        var schedule = new TelemetrySchedule(time, Second, TimeSpan.Zero, maximumCatchUp: 5);
        time.Advance(TimeSpan.FromSeconds(60.5)); // a stalled process: samples due at 0..60 s

        Assert.Equal(TimeSpan.Zero, schedule.NextDelay(out var skipped));
        Assert.Equal(56, skipped);
        var burst = 0;
        while (schedule.NextDelay(out _) == TimeSpan.Zero)
        {
            burst++;
            schedule.Sent();
        }

        Assert.Equal(5, burst);
        Assert.Equal(TimeSpan.FromSeconds(0.5), schedule.NextDelay(out _));
    }
}
