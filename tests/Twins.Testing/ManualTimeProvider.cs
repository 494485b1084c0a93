namespace Twins.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>.
/// Timers created through it fire synchronously inside <see cref="Advance"/>, in due-time order,
/// so a test can step through expiry, reminders and keep-alives without sleeping.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _timestampTicks;

    /// <summary>Starts at 2026-01-01T00:00:00Z unless told otherwise, so tests never depend on the real date.</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Just under the resolution of <c>Task.Delay</c>, which truncates a delay to whole milliseconds and completes a
    /// shorter one at once. Code that waits "until T" in a loop (Orleans' reminder ticks do: delay by T - now, then
    /// look again) would spin forever on this clock standing a fraction of a millisecond before T, since it never moves
    /// by itself. So while the continuation of a <c>Task.Delay</c> runs on the thread that fired its timer, the clock it
    /// reads stands at the timer's due time plus this much, which is where a real clock would be by then.
    /// </summary>
    private static readonly TimeSpan s_timerResolution = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - 1);

    [ThreadStatic]
    private static ManualTimeProvider? t_firing;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return ReferenceEquals(t_firing, this) ? _now + s_timerResolution : _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timestamps tick with the manual clock (one tick = 100 ns), so Stopwatch-style code sees it move.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestampTicks;
        }
    }

    /// <summary>Number of timers currently scheduled (useful to wait until code under test armed one).</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, at its due time.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    MoveTo(target);
                    return;
                }

                MoveTo(next.DueAt!.Value);
                next.DueAt = next.Period is { } period && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan
                    ? _now + period
                    : null;
            }

            next.Fire();
        }
    }

    /// <summary>Sets the clock to an absolute time (only forwards), firing timers on the way.</summary>
    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void MoveTo(DateTimeOffset time)
    {
        _timestampTicks += (time - _now).Ticks;
        _now = time;
    }

    private static long _sequence;

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }
        public TimeSpan? Period { get; private set; }
        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this))
                {
                    return false;
                }

                Sequence = Interlocked.Increment(ref _sequence);
                Period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                return true;
            }
        }

        public void Fire()
        {
            // Only a Task.Delay's timer (its state is the delay's task) moves the clock it reads: see s_timerResolution.
            var outer = t_firing;
            t_firing = state is Task ? owner : outer;
            try
            {
                callback(state);
            }
            finally
            {
                t_firing = outer;
            }
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
