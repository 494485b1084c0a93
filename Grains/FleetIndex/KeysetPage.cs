namespace Twins.Grains.FleetIndex;

/// <summary>One keyset page: the rows in order and whether matching rows lie before and after it.</summary>
internal sealed record KeysetPage<T>(List<T> Items, bool HasPrevious, bool HasNext);
