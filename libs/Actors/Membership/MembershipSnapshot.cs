namespace Twins.Actors.Membership;

/// <summary>The whole membership table as read at one instant: its version and every row.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries)
{
    /// <summary>An empty table (version 0).</summary>
    public static MembershipSnapshot Empty { get; } = new(0, []);

    /// <summary>The row of <paramref name="silo"/>, or null.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);
}
