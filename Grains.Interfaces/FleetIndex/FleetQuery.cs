namespace Twins.Grains.FleetIndex;

/// <summary>
/// A page request over the fleet index, Relay style: the rows matching <see cref="Filter"/> in
/// <see cref="Order"/> (the thing name breaks ties), strictly between <see cref="After"/> and
/// <see cref="Before"/>, the first <see cref="Limit"/> of them, or the last when <see cref="FromEnd"/>.
/// Cursors are keyset positions, so rows added or removed elsewhere never shift a page.
/// </summary>
/// <param name="Filter">The condition rows must meet, or <c>null</c> for all.</param>
/// <param name="Order">Sort keys in priority order; the thing name always breaks ties so positions are unique.</param>
/// <param name="Limit">Rows to return at most.</param>
/// <param name="Scope">When set, only these thing names are visible (an owner's vehicles).</param>
public sealed record FleetQuery(
    FleetFilter? Filter,
    IReadOnlyList<FleetOrder> Order,
    int Limit,
    IReadOnlyCollection<string>? Scope = null)
{
    /// <summary>Only rows after this position (exclusive).</summary>
    public FleetCursor? After { get; init; }

    /// <summary>Only rows before this position (exclusive).</summary>
    public FleetCursor? Before { get; init; }

    /// <summary>Take the last <see cref="Limit"/> rows of the window instead of the first (Relay's <c>last</c>).</summary>
    public bool FromEnd { get; init; }
}
