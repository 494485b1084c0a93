namespace Twins.Grains.FleetIndex;

/// <summary>A condition on fleet index rows, shaped like HotChocolate's filter inputs: every field set must hold, plus all of <see cref="And"/> and one of <see cref="Or"/>.</summary>
public sealed record FleetFilter
{
    /// <summary>Conditions that must all hold.</summary>
    public IReadOnlyList<FleetFilter>? And { get; init; }

    /// <summary>Conditions of which at least one must hold.</summary>
    public IReadOnlyList<FleetFilter>? Or { get; init; }

    /// <summary>On the thing name.</summary>
    public StringCondition? ThingName { get; init; }

    /// <summary>On the VIN.</summary>
    public StringCondition? Vin { get; init; }

    /// <summary>On the connection flag.</summary>
    public BooleanCondition? Connected { get; init; }

    /// <summary>On the last-seen time.</summary>
    public ComparableCondition<DateTimeOffset>? LastSeen { get; init; }

    /// <summary>On the certificate status.</summary>
    public StringCondition? CertificateStatus { get; init; }

    /// <summary>On the certificate expiry.</summary>
    public ComparableCondition<DateTimeOffset>? CertificateExpiry { get; init; }

    /// <summary>On the classic shadow's version.</summary>
    public ComparableCondition<long>? ShadowVersion { get; init; }
}
