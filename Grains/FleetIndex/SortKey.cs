namespace Twins.Grains.FleetIndex;

/// <summary>
/// One key of an index's sort order: the column, whether it may be missing, the direction. An order always
/// ends with the table's unique key, so every row has a distinct position and a keyset cursor is exact.
/// Missing values sort last in either direction (SQL's <c>NULLS LAST</c>).
/// </summary>
internal readonly record struct SortKey(string Column, bool Nullable, bool Descending);
