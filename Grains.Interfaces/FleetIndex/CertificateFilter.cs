namespace Twins.Grains.FleetIndex;

/// <summary>A condition on certificate index rows: every field set must hold, plus all of <see cref="And"/> and one of <see cref="Or"/>.</summary>
public sealed record CertificateFilter
{
    /// <summary>Conditions that must all hold.</summary>
    public IReadOnlyList<CertificateFilter>? And { get; init; }

    /// <summary>Conditions of which at least one must hold.</summary>
    public IReadOnlyList<CertificateFilter>? Or { get; init; }

    /// <summary>On the certificate id.</summary>
    public StringCondition? CertificateId { get; init; }

    /// <summary>On the owner vehicle's thing name.</summary>
    public StringCondition? ThingName { get; init; }

    /// <summary>On the status (<c>ACTIVE</c>, ...).</summary>
    public StringCondition? Status { get; init; }

    /// <summary>On the end of validity.</summary>
    public ComparableCondition<DateTimeOffset>? NotAfter { get; init; }

    /// <summary>On the creation time.</summary>
    public ComparableCondition<DateTimeOffset>? CreatedAt { get; init; }
}
