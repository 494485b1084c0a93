namespace Twins.Simulator;

/// <summary>
/// When a vehicle's telemetry samples fall due: on a fixed grid (first + k × interval) rather than one
/// interval after the previous publish. Waiting a whole interval after each publish stretches every
/// period by the publish time and the timer's lateness, which at 10,000 vehicles on a loaded machine cost
/// 5-12 % of the fleet's rate. A vehicle that fell further behind than <c>maximumCatchUp</c> samples (a
/// stalled process) sends that many at once and skips the rest, so a long pause does not end in a burst.
/// Not thread-safe: one per telemetry loop.
/// </summary>
internal sealed class TelemetrySchedule
{
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly int _maximumCatchUp;
    private long _due;

    public TelemetrySchedule(TimeProvider time, TimeSpan interval, TimeSpan firstDelay, int maximumCatchUp)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumCatchUp, 1);
        _time = time;
        _interval = Math.Max(1, Timestamp(interval));
        _maximumCatchUp = maximumCatchUp;
        _due = time.GetTimestamp() + Timestamp(firstDelay);
    }

    /// <summary>
    /// How long until the next sample is due (zero when it is overdue). When more than the catch-up
    /// allowance is overdue, the oldest samples are given up and their number is in <paramref name="skipped"/>.
    /// </summary>
    public TimeSpan NextDelay(out long skipped)
    {
        skipped = 0;
        var now = _time.GetTimestamp();
        if (_due > now)
        {
            return _time.GetElapsedTime(now, _due);
        }

        var overdue = (now - _due) / _interval + 1;
        if (overdue > _maximumCatchUp)
        {
            skipped = overdue - _maximumCatchUp;
            _due += skipped * _interval;
        }

        return TimeSpan.Zero;
    }

    /// <summary>The due sample was sent; the next one is due one interval after it was due.</summary>
    public void Sent() => _due += _interval;

    private long Timestamp(TimeSpan span) => (long)(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
