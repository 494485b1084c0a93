namespace Twins.Actors.Membership;

/// <summary>A membership table in process memory: silos of one process (tests) share one instance.</summary>
public sealed class MemoryMembershipTable : IMembershipTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SiloAddress, MembershipEntry> _rows = [];
    private long _version;

    /// <summary>When set, every operation throws it (tests of a silo that cannot reach its table).</summary>
    public Exception? Failure { get; set; }

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            return Task.FromResult(new MembershipSnapshot(_version, _rows.Values.ToList()));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryWriteStatusAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            ThrowIfFailing();
            if (_version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = entry;
            _version++;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(SiloAddress silo, DateTimeOffset heartbeatAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_gate)
        {
            ThrowIfFailing();
            if (!_rows.TryGetValue(silo, out var row) || row.Status == SiloStatus.Dead)
            {
                return Task.FromResult(false);
            }

            _rows[silo] = row with { HeartbeatAt = heartbeatAt };
            return Task.FromResult(true);
        }
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
