namespace Twins.Grains.FleetIndex;

/// <summary>A page request over the fleet index.</summary>
/// <param name="Filter">The condition rows must meet, or <c>null</c> for all.</param>
/// <param name="Order">Sort keys in priority order; the thing name always breaks ties so pages are stable.</param>
/// <param name="Offset">Rows to skip.</param>
/// <param name="Limit">Rows to return at most.</param>
/// <param name="Scope">When set, only these thing names are visible (an owner's vehicles).</param>
public sealed record FleetQuery(
    FleetFilter? Filter,
    IReadOnlyList<FleetOrder> Order,
    int Offset,
    int Limit,
    IReadOnlyCollection<string>? Scope = null);
