namespace Twins.Actors.Membership;

/// <summary>
/// The cluster's membership table: one row per silo and a table version that changes atomically with
/// every status change, so every silo orders views the same way. Heartbeats do not change the version.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Reads the version and every row (a consistent read).</summary>
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces <paramref name="entry"/>'s row and sets the version to
    /// <paramref name="expectedVersion"/> + 1, both or neither, only if the version is still
    /// <paramref name="expectedVersion"/>; false when it changed (read again and retry).
    /// </summary>
    Task<bool> TryWriteStatusAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Stores a heartbeat time for <paramref name="silo"/>; false when its row is missing or Dead.</summary>
    Task<bool> HeartbeatAsync(SiloAddress silo, DateTimeOffset heartbeatAt, CancellationToken cancellationToken = default);
}
