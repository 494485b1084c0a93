namespace Twins.Grains.FleetIndex;

/// <summary>A page of fleet index rows.</summary>
/// <param name="Items">The rows, in the query's order.</param>
/// <param name="TotalCount">How many rows match the filter in all (cursors aside).</param>
/// <param name="HasPreviousPage">Whether matching rows come before the page.</param>
/// <param name="HasNextPage">Whether matching rows come after the page.</param>
public sealed record FleetPage(IReadOnlyList<FleetIndexEntry> Items, int TotalCount, bool HasPreviousPage, bool HasNextPage);
