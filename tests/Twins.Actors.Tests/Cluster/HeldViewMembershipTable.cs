using Twins.Actors.Membership;

namespace Twins.Actors.Tests.Cluster;

/// <summary>
/// One silo's window on the shared membership table that a test can hold at a snapshot: while held,
/// every read returns that snapshot, so the silo keeps an old view however often it is told to refresh
/// (view notices from peers, calls carrying a newer version). Writes and heartbeats go through.
/// </summary>
public sealed class HeldViewMembershipTable(IMembershipTable table) : IMembershipTable
{
    private volatile MembershipSnapshot? _held;

    /// <summary>From now on reads return the table as it is now.</summary>
    public async Task HoldAsync() => _held = await table.ReadAllAsync();

    /// <summary>Reads see the table again (a held silo could not leave the cluster: its status write would keep failing on the old version).</summary>
    public void Release() => _held = null;

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _held is { } held ? Task.FromResult(held) : table.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryWriteStatusAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default) =>
        table.TryWriteStatusAsync(entry, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(SiloAddress silo, DateTimeOffset heartbeatAt, CancellationToken cancellationToken = default) =>
        table.HeartbeatAsync(silo, heartbeatAt, cancellationToken);
}
