using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Twins.Actors.Membership.Internal;

/// <summary>
/// Keeps this process's membership view: reads the table every refresh interval (and when told a newer
/// view exists), and for a silo also writes its own status changes and heartbeats, declares silent silos
/// dead by a conditional write, and stops serving at once when it finds itself dead or cut off from the
/// table for longer than the death timeout.
/// </summary>
internal sealed partial class MembershipAgent : IClusterMembership, IDisposable
{
    private readonly IMembershipTable _table;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly ConcurrentDictionary<SiloAddress, long> _refusedSince = new();
    private MembershipView _view = MembershipView.Empty;
    private MembershipEntry? _self;
    private ITimer? _heartbeatTimer;
    private ITimer? _refreshTimer;
    private long _lastTableContact;
    private volatile bool _serving = true;
    private volatile bool _leaving;

    public MembershipAgent(IMembershipTable table, ClusterOptions options, TimeProvider time, ILogger<MembershipAgent> logger)
    {
        _table = table;
        _options = options;
        _time = time;
        _logger = logger;
        _lastTableContact = time.GetTimestamp();
    }

    public SiloAddress? LocalSilo => _self?.Silo;

    public MembershipView CurrentView => Volatile.Read(ref _view);

    public bool IsServing => _serving;

    public event Action<MembershipView>? ViewChanged;

    /// <summary>Raised once when this silo stops serving (declared dead or cut off); the argument says why.</summary>
    public event Action<string>? Terminated;

    /// <summary>Raised after this process wrote a status change (argument: the new table version).</summary>
    public event Action<long>? StatusWritten;

    /// <summary>Starts the periodic table reads (clients and silos).</summary>
    public void StartRefreshing() =>
        _refreshTimer ??= _time.CreateTimer(static s => _ = ((MembershipAgent)s!).RefreshInBackgroundAsync(), this, _options.RefreshInterval, _options.RefreshInterval);

    /// <summary>Writes this silo's row as Joining, then Active, and starts heartbeats.</summary>
    public async Task JoinAsync(SiloAddress silo, string siloName, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _self = new MembershipEntry { Silo = silo, SiloName = siloName, Status = SiloStatus.Joining, HeartbeatAt = now, StartedAt = now };
        await WriteOwnStatusAsync(SiloStatus.Joining, cancellationToken).ConfigureAwait(false);
        await WriteOwnStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        _heartbeatTimer = _time.CreateTimer(static s => _ = ((MembershipAgent)s!).HeartbeatAsync(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        StartRefreshing();
        LogJoined(silo, siloName, CurrentView.Version);
    }

    /// <summary>Marks this silo ShuttingDown: it stays reachable but owns nothing.</summary>
    public Task BeginLeavingAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        return _self is null || !_serving ? Task.CompletedTask : WriteOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
    }

    /// <summary>Marks this silo Dead (it left) and stops the timers (also when the write fails).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        try
        {
            if (_self is not null && _serving)
            {
                await WriteOwnStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
                LogLeft(_self.Silo);
            }
        }
        finally
        {
            StopTimers();
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            MembershipSnapshot snapshot;
            try
            {
                snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CheckTableContact(ex);
                throw;
            }

            Volatile.Write(ref _lastTableContact, _time.GetTimestamp());
            if (_self is not null && _serving && snapshot.Find(_self.Silo) is { Status: SiloStatus.Dead } && !_leaving)
            {
                Terminate($"silo {_self.Silo} was declared dead by the cluster (membership version {snapshot.Version})");
                return;
            }

            Apply(snapshot);
            if (_self is not null && _serving)
            {
                await DeclareSilentSilosDeadAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // logged; the next period tries again, and the table-contact check covers a long outage
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRefreshFailed(ex.Message);
        }
    }

    /// <summary>Adopts a view another silo sent with a "moved" answer, if it is newer.</summary>
    public void Adopt(MembershipSnapshot snapshot)
    {
        if (snapshot.Version > CurrentView.Version)
        {
            Apply(snapshot);
        }
    }

    /// <summary>A connection attempt to <paramref name="silo"/> was refused: nothing listens there.</summary>
    public void ReportRefused(SiloAddress silo) => _refusedSince.TryAdd(silo, _time.GetTimestamp());

    /// <summary>A connection to <paramref name="silo"/> succeeded.</summary>
    public void ReportReachable(SiloAddress silo) => _refusedSince.TryRemove(silo, out _);

    public void Dispose()
    {
        StopTimers();
        _refreshGate.Dispose();
    }

    private void StopTimers()
    {
        _heartbeatTimer?.Dispose();
        _refreshTimer?.Dispose();
        _heartbeatTimer = null;
        _refreshTimer = null;
    }

    private void Apply(MembershipSnapshot snapshot)
    {
        var view = new MembershipView(snapshot);
        while (true)
        {
            var current = CurrentView;
            if (snapshot.Version < current.Version)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _view, view, current) != current)
            {
                continue;
            }

            if (snapshot.Version == current.Version)
            {
                // Same version: only heartbeats changed, which is no new view.
                return;
            }

            break;
        }

        LogViewChanged(view.Version, view.ToString());
        ViewChanged?.Invoke(view);
    }

    private async Task WriteOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Find(_self!.Silo) is { Status: SiloStatus.Dead } && status != SiloStatus.Dead)
            {
                if (_leaving)
                {
                    // Leaving already: Dead is where this silo is going (an earlier, abandoned write got there).
                    return;
                }

                Terminate($"silo {_self.Silo} was declared dead before it could become {status}");
                throw new InvalidOperationException($"Silo {_self.Silo} was declared dead by the cluster.");
            }

            var entry = _self with { Status = status, HeartbeatAt = _time.GetUtcNow() };
            if (await _table.TryWriteStatusAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                _self = entry;
                Volatile.Write(ref _lastTableContact, _time.GetTimestamp());
                var rows = snapshot.Entries.Where(e => e.Silo != entry.Silo).Append(entry).ToList();
                Apply(new MembershipSnapshot(snapshot.Version + 1, rows));
                StatusWritten?.Invoke(snapshot.Version + 1);
                return;
            }

            if (attempt > 100)
            {
                throw new InvalidOperationException($"Could not write status {status} of silo {_self.Silo}: the membership table kept changing.");
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        if (_self is null || !_serving)
        {
            return;
        }

        try
        {
            if (await _table.HeartbeatAsync(_self.Silo, _time.GetUtcNow()).ConfigureAwait(false))
            {
                Volatile.Write(ref _lastTableContact, _time.GetTimestamp());
            }
            else if (!_leaving)
            {
                Terminate($"the heartbeat of silo {_self.Silo} was refused: its row is Dead or gone");
            }
        }
#pragma warning disable CA1031 // a failed heartbeat is retried; a long outage stops the silo (CheckTableContact)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CheckTableContact(ex);
        }
    }

    private void CheckTableContact(Exception error)
    {
        var silent = _time.GetElapsedTime(Volatile.Read(ref _lastTableContact));
        LogTableUnreachable(silent.TotalSeconds, error.Message);
        if (_self is not null && silent > _options.DeathTimeout && !_leaving)
        {
            Terminate($"silo {_self.Silo} could not reach the membership table for {silent.TotalSeconds:0.#} s (timeout {_options.DeathTimeout.TotalSeconds:0.#} s): {error.Message}");
        }
    }

    private async Task DeclareSilentSilosDeadAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var version = snapshot.Version;
        foreach (var entry in snapshot.Entries)
        {
            if (entry.Silo == _self!.Silo || entry.Status is SiloStatus.Dead or SiloStatus.None)
            {
                continue;
            }

            var silentFor = now - entry.HeartbeatAt;
            var refused = _options.LinkDeathTimeout > TimeSpan.Zero && _refusedSince.TryGetValue(entry.Silo, out var since)
                && _time.GetElapsedTime(since) > _options.LinkDeathTimeout;
            if (silentFor <= _options.DeathTimeout && !refused)
            {
                continue;
            }

            var dead = entry with { Status = SiloStatus.Dead };
            if (await _table.TryWriteStatusAsync(dead, version, cancellationToken).ConfigureAwait(false))
            {
                version++;
                _refusedSince.TryRemove(entry.Silo, out _);
                LogDeclaredDead(entry.Silo, entry.SiloName, refused ? $"its endpoint refused connections for over {_options.LinkDeathTimeout.TotalSeconds:0.#} s" : $"no heartbeat for {silentFor.TotalSeconds:0.#} s", version);
                var rows = snapshot.Entries.Select(e => e.Silo == dead.Silo ? dead : e).ToList();
                snapshot = new MembershipSnapshot(version, rows);
                Apply(snapshot);
                StatusWritten?.Invoke(version);
            }
            else
            {
                // Someone else changed the table first; the next refresh decides again.
                return;
            }
        }
    }

    private void Terminate(string reason)
    {
        if (!_serving)
        {
            return;
        }

        _serving = false;
        StopTimers();
        LogTerminating(reason);
        Terminated?.Invoke(reason);
    }

    [LoggerMessage(300, LogLevel.Information, "Silo {Silo} ({SiloName}) joined the cluster; membership version {Version}")]
    private partial void LogJoined(SiloAddress silo, string siloName, long version);

    [LoggerMessage(301, LogLevel.Information, "Membership view {Version}: {View}")]
    private partial void LogViewChanged(long version, string view);

    [LoggerMessage(302, LogLevel.Warning, "Declared silo {Silo} ({SiloName}) dead: {Reason}; membership version {Version}")]
    private partial void LogDeclaredDead(SiloAddress silo, string siloName, string reason, long version);

    [LoggerMessage(303, LogLevel.Critical, "STOPPING: {Reason}. This silo serves no more grain calls and exits.")]
    private partial void LogTerminating(string reason);

    [LoggerMessage(304, LogLevel.Warning, "Membership table unreachable for {Seconds:0.#} s: {Message}")]
    private partial void LogTableUnreachable(double seconds, string message);

    [LoggerMessage(305, LogLevel.Debug, "Membership refresh failed: {Message}")]
    private partial void LogRefreshFailed(string message);

    [LoggerMessage(306, LogLevel.Information, "Silo {Silo} left the cluster")]
    private partial void LogLeft(SiloAddress silo);
}
