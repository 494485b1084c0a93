namespace Twins.Grains.FleetIndex;

/// <summary>The fleet index's sort order as <see cref="SortKey"/>s, and a row's or cursor's values for them (text or 64-bit integers, as stored).</summary>
internal static class VehicleOrdering
{
    /// <summary>The requested keys up to the first thing name key, then the thing name ascending if it was not there.</summary>
    public static IReadOnlyList<FleetOrder> Effective(IReadOnlyList<FleetOrder> order)
    {
        var effective = new List<FleetOrder>(order.Count + 1);
        foreach (var key in order)
        {
            effective.Add(key);
            if (key.Field == FleetSortField.ThingName)
            {
                return effective;
            }
        }

        effective.Add(new FleetOrder(FleetSortField.ThingName));
        return effective;
    }

    public static SortKey[] Keys(IReadOnlyList<FleetOrder> effective) =>
        [.. effective.Select(o => new SortKey(Column(o.Field), o.Field is FleetSortField.Vin or FleetSortField.LastSeen or FleetSortField.CertificateStatus or FleetSortField.CertificateExpiry, o.Descending))];

    public static object?[] Values(FleetCursor cursor, IReadOnlyList<FleetOrder> effective) =>
        [.. effective.Select(o => Value(cursor, o.Field))];

    public static string Column(FleetSortField field) => field switch
    {
        FleetSortField.ThingName => "thing_name",
        FleetSortField.Vin => "vin",
        FleetSortField.Connected => "connected",
        FleetSortField.LastSeen => "last_seen",
        FleetSortField.CertificateStatus => "certificate_status",
        FleetSortField.CertificateExpiry => "certificate_expiry",
        FleetSortField.ShadowVersion => "shadow_version",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static object? Value(FleetCursor c, FleetSortField field) => field switch
    {
        FleetSortField.ThingName => c.ThingName,
        FleetSortField.Vin => c.Vin,
        FleetSortField.Connected => c.Connected ? 1L : 0L,
        FleetSortField.LastSeen => c.LastSeen?.ToUnixTimeMilliseconds(),
        FleetSortField.CertificateStatus => c.CertificateStatus,
        FleetSortField.CertificateExpiry => c.CertificateExpiry?.ToUnixTimeMilliseconds(),
        FleetSortField.ShadowVersion => c.ShadowVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
