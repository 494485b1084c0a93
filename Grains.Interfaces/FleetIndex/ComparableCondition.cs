namespace Twins.Grains.FleetIndex;

/// <summary>Conditions on an ordered column; all that are set must hold (a row without a value meets none but <see cref="Neq"/>).</summary>
/// <typeparam name="T">The column's type.</typeparam>
public sealed record ComparableCondition<T>
    where T : struct, IComparable<T>
{
    /// <summary>Equal to.</summary>
    public T? Eq { get; init; }

    /// <summary>Not equal to.</summary>
    public T? Neq { get; init; }

    /// <summary>Greater than.</summary>
    public T? Gt { get; init; }

    /// <summary>Greater than or equal to.</summary>
    public T? Gte { get; init; }

    /// <summary>Less than.</summary>
    public T? Lt { get; init; }

    /// <summary>Less than or equal to.</summary>
    public T? Lte { get; init; }
}
