namespace Twins.Grains.FleetIndex;

/// <summary>Conditions on a text column (ordinal comparison); all that are set must hold.</summary>
public sealed record StringCondition
{
    /// <summary>Equal to.</summary>
    public string? Eq { get; init; }

    /// <summary>Not equal to.</summary>
    public string? Neq { get; init; }

    /// <summary>One of.</summary>
    public IReadOnlyList<string>? In { get; init; }

    /// <summary>None of.</summary>
    public IReadOnlyList<string>? Nin { get; init; }

    /// <summary>Contains.</summary>
    public string? Contains { get; init; }

    /// <summary>Starts with.</summary>
    public string? StartsWith { get; init; }
}
