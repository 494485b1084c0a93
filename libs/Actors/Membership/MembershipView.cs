namespace Twins.Actors.Membership;

/// <summary>
/// What a silo or client currently believes: a table version and the silos that serve grains under it
/// (Active), in a stable order. Placement is a pure function of the view.
/// </summary>
public sealed class MembershipView
{
    /// <summary>Creates a view of <paramref name="snapshot"/>.</summary>
    public MembershipView(MembershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Version = snapshot.Version;
        Entries = snapshot.Entries;
        ActiveSilos = snapshot.Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo)
            .OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
    }

    /// <summary>The view before any table was read.</summary>
    public static MembershipView Empty { get; } = new(MembershipSnapshot.Empty);

    /// <summary>The table version the view was read at.</summary>
    public long Version { get; }

    /// <summary>Every row of the table at that version.</summary>
    public IReadOnlyList<MembershipEntry> Entries { get; }

    /// <summary>The silos grains are placed on.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>The status of <paramref name="silo"/> in this view.</summary>
    public SiloStatus StatusOf(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo)?.Status ?? SiloStatus.None;

    /// <summary>The active silo named <paramref name="siloName"/> (observer references name their silo), or null.</summary>
    public SiloAddress? FindByName(string siloName) =>
        Entries.FirstOrDefault(e => e.SiloName == siloName && e.Status is SiloStatus.Active or SiloStatus.ShuttingDown)?.Silo;

    /// <inheritdoc />
    public override string ToString() => $"v{Version}: [{string.Join(", ", ActiveSilos)}]";
}
