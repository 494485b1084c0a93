namespace Twins.Grains.FleetIndex;

/// <summary>A page of fleet index rows.</summary>
/// <param name="Items">The rows, in the query's order.</param>
/// <param name="TotalCount">How many rows match the filter in all.</param>
public sealed record FleetPage(IReadOnlyList<FleetIndexEntry> Items, int TotalCount);
