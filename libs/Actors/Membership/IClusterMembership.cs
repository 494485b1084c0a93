namespace Twins.Actors.Membership;

/// <summary>This process's view of the cluster: the silo it is (if any), the newest view it knows, and a way to refresh it.</summary>
public interface IClusterMembership
{
    /// <summary>This silo's address; null in a cluster client.</summary>
    SiloAddress? LocalSilo { get; }

    /// <summary>The newest view known here.</summary>
    MembershipView CurrentView { get; }

    /// <summary>False once this silo was declared dead or lost its table: it serves nothing any more.</summary>
    bool IsServing { get; }

    /// <summary>Raised after <see cref="CurrentView"/> changed (on a thread-pool thread; handlers must not block).</summary>
    event Action<MembershipView>? ViewChanged;

    /// <summary>Reads the table now and adopts its view if it is newer.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
