using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Actors.Reminders;

namespace Twins.Actors.Internal;

/// <summary>
/// Loads reminders from the table at start and fires each at its due time (second precision: one timer
/// per reminder, due at the stored instant) as a grain call to <see cref="IRemindable.ReceiveReminder"/>.
/// After a delivered tick the next due time is stored, so a reminder that fell due while the silo was
/// down fires once on start and then resumes its period.
/// </summary>
internal sealed partial class ReminderService : IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private readonly IReminderTable _table;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ActorsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private IGrainOwnership? _ownership;
    private bool _stopped;
    private long _completedTicks;

    public ReminderService(IReminderTable table, TimeProvider time, IServiceProvider services, ActorsMetrics metrics, ILogger<ReminderService> logger)
    {
        _table = table;
        _time = time;
        _services = services;
        _metrics = metrics;
        _logger = logger;
    }

    public int ScheduledCount
    {
        get
        {
            lock (_gate)
            {
                return _local.Count;
            }
        }
    }

    /// <summary>Ticks fully handled (delivered or failed, and rescheduled or removed); lets tests wait without sleeping.</summary>
    public long CompletedTicks => Interlocked.Read(ref _completedTicks);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ownership = _services.GetService<IGrainOwnership>();
        var rows = await _table.ReadAllRowsAsync(cancellationToken).ConfigureAwait(false);
        var loaded = 0;
        foreach (var row in rows)
        {
            if (_ownership?.IsLocal(row.GrainId) ?? true)
            {
                Schedule(row);
                loaded++;
            }
        }

        LogLoaded(loaded);
    }

    /// <summary>
    /// After a cluster view change: stops the timers of reminders whose grain is owned elsewhere now and
    /// starts those of reminders whose grain this silo took over, so each reminder fires on its owner only.
    /// </summary>
    public async Task RebalanceAsync(CancellationToken cancellationToken = default)
    {
        if (_ownership is null)
        {
            return;
        }

        var rows = await _table.ReadAllRowsAsync(cancellationToken).ConfigureAwait(false);
        List<ReminderEntry> added = [];
        lock (_gate)
        {
            foreach (var key in _local.Keys.ToList())
            {
                if (!_ownership.IsLocal(key.Item1))
                {
                    _local.Remove(key, out var moved);
                    moved!.Dispose();
                }
            }

            foreach (var row in rows)
            {
                if (_ownership.IsLocal(row.GrainId) && !_local.ContainsKey((row.GrainId, row.ReminderName)))
                {
                    added.Add(row);
                }
            }
        }

        foreach (var row in added)
        {
            Schedule(row);
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var reminder in _local.Values)
            {
                reminder.Dispose();
            }

            _local.Clear();
        }
    }

    public void Dispose() => Stop();

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var first = _time.GetUtcNow() + dueTime;
        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = name,
            StartAt = first,
            NextDueAt = first,
            Period = period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period,
        };
        var etag = await _table.UpsertRowAsync(entry).ConfigureAwait(false);
        Schedule(entry with { ETag = etag });
        return new GrainReminder(name);
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        Unschedule(grainId, name, null);
        await _table.RemoveRowAsync(grainId, name).ConfigureAwait(false);
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name)
    {
        var row = await _table.ReadRowAsync(grainId, name).ConfigureAwait(false);
        return row is null ? null : new GrainReminder(row.ReminderName);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId)
    {
        var rows = await _table.ReadRowsAsync(grainId).ConfigureAwait(false);
        return rows.Select(r => (IGrainReminder)new GrainReminder(r.ReminderName)).ToList();
    }

    private void Schedule(ReminderEntry entry)
    {
        var reminder = new LocalReminder(this, entry);
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (_local.Remove((entry.GrainId, entry.ReminderName), out var previous))
            {
                previous.Dispose();
            }

            _local[(entry.GrainId, entry.ReminderName)] = reminder;
            reminder.Arm(Delay(entry.NextDueAt));
        }
    }

    private void Unschedule(GrainId grainId, string name, LocalReminder? only)
    {
        lock (_gate)
        {
            if (_local.TryGetValue((grainId, name), out var current) && (only is null || ReferenceEquals(current, only)))
            {
                _local.Remove((grainId, name));
                current.Dispose();
            }
        }
    }

    private TimeSpan Delay(DateTimeOffset dueAt)
    {
        var delay = dueAt - _time.GetUtcNow();
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay;
    }

    private async Task FireAsync(LocalReminder reminder)
    {
        try
        {
            await FireCoreAsync(reminder).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _completedTicks);
        }
    }

    private async Task FireCoreAsync(LocalReminder reminder)
    {
        var entry = reminder.Entry;
        var now = _time.GetUtcNow();
        if (now < entry.NextDueAt)
        {
            // A long delay was capped; not due yet.
            reminder.Arm(Delay(entry.NextDueAt));
            return;
        }

        var delivered = false;
        try
        {
            var target = _services.GetRequiredService<IGrainFactory>().GetGrain<IRemindable>(entry.GrainId);
            await target.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, entry.NextDueAt)).ConfigureAwait(false);
            delivered = true;
            _metrics.ReminderTick();
        }
#pragma warning disable CA1031 // a failing tick is logged and retried, never lost
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTickFailed(entry.GrainId, entry.ReminderName, ex);
        }

        if (reminder.IsDisposed)
        {
            // Re-registered, unregistered or stopped during the tick: the new registration rules.
            return;
        }

        try
        {
            if (entry.IsOneShot)
            {
                if (delivered)
                {
                    Unschedule(entry.GrainId, entry.ReminderName, reminder);
                    await _table.RemoveRowAsync(entry.GrainId, entry.ReminderName, entry.ETag).ConfigureAwait(false);
                }
                else
                {
                    reminder.Arm(RetryDelay);
                }

                return;
            }

            var next = entry with { NextDueAt = NextAfter(entry, _time.GetUtcNow()) };
            var etag = await _table.UpdateRowAsync(next, entry.ETag ?? "").ConfigureAwait(false);
            if (etag is not null)
            {
                reminder.Update(next with { ETag = etag }, Delay(next.NextDueAt));
                return;
            }

            // The row changed under us (updated elsewhere): follow the table.
            var stored = await _table.ReadRowAsync(entry.GrainId, entry.ReminderName).ConfigureAwait(false);
            if (stored is null)
            {
                Unschedule(entry.GrainId, entry.ReminderName, reminder);
            }
            else
            {
                Schedule(stored);
            }
        }
#pragma warning disable CA1031 // the table failed: keep the reminder scheduled and try again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTableFailed(entry.GrainId, entry.ReminderName, ex);
            reminder.Arm(RetryDelay);
        }
    }

    private static DateTimeOffset NextAfter(ReminderEntry entry, DateTimeOffset now)
    {
        var next = entry.NextDueAt + entry.Period;
        if (next <= now)
        {
            // Ticks missed while the silo was down (or busy) are skipped: the one just delivered covered them.
            var missed = (long)Math.Ceiling((now - next).Ticks / (double)entry.Period.Ticks);
            next += TimeSpan.FromTicks(entry.Period.Ticks * Math.Max(missed, 1));
            if (next <= now)
            {
                next += entry.Period;
            }
        }

        return next;
    }

    [LoggerMessage(200, LogLevel.Information, "Loaded {Count} reminders")]
    private partial void LogLoaded(int count);

    [LoggerMessage(201, LogLevel.Warning, "Reminder {Name} of {GrainId} failed to deliver; it will be retried")]
    private partial void LogTickFailed(GrainId grainId, string name, Exception exception);

    [LoggerMessage(202, LogLevel.Warning, "Reminder {Name} of {GrainId} could not be updated in the table; retrying")]
    private partial void LogTableFailed(GrainId grainId, string name, Exception exception);

    private sealed class LocalReminder(ReminderService service, ReminderEntry entry) : IDisposable
    {
        private ITimer? _timer;

        public ReminderEntry Entry { get; private set; } = entry;

        public bool IsDisposed { get; private set; }

        public void Arm(TimeSpan delay)
        {
            lock (this)
            {
                if (IsDisposed)
                {
                    return;
                }

                _timer ??= service._time.CreateTimer(static s => { var r = (LocalReminder)s!; _ = r.Service.FireAsync(r); }, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }

        public void Update(ReminderEntry next, TimeSpan delay)
        {
            Entry = next;
            Arm(delay);
        }

        public ReminderService Service => service;

        public void Dispose()
        {
            lock (this)
            {
                IsDisposed = true;
                _timer?.Dispose();
            }
        }
    }
}
