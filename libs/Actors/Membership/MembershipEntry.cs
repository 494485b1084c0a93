namespace Twins.Actors.Membership;

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry
{
    /// <summary>Where the silo listens, and its generation.</summary>
    public required SiloAddress Silo { get; init; }

    /// <summary>The silo's name (observer references carry it).</summary>
    public required string SiloName { get; init; }

    /// <summary>Its status.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>When it last proved it was alive.</summary>
    public required DateTimeOffset HeartbeatAt { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
}
