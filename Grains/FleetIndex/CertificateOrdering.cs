namespace Twins.Grains.FleetIndex;

/// <summary>The certificate index's sort order as <see cref="SortKey"/>s (ties broken by the certificate id), and a cursor's values for them.</summary>
internal static class CertificateOrdering
{
    public static IReadOnlyList<CertificateOrder> Effective(IReadOnlyList<CertificateOrder> order)
    {
        var effective = new List<CertificateOrder>(order.Count + 1);
        foreach (var key in order)
        {
            effective.Add(key);
            if (key.Field == CertificateSortField.CertificateId)
            {
                return effective;
            }
        }

        effective.Add(new CertificateOrder(CertificateSortField.CertificateId));
        return effective;
    }

    public static SortKey[] Keys(IReadOnlyList<CertificateOrder> effective) =>
        [.. effective.Select(o => new SortKey(Column(o.Field), o.Field == CertificateSortField.ThingName, o.Descending))];

    public static object?[] Values(CertificateCursor cursor, IReadOnlyList<CertificateOrder> effective) =>
        [.. effective.Select(o => Value(cursor, o.Field))];

    public static string Column(CertificateSortField field) => field switch
    {
        CertificateSortField.CertificateId => "certificate_id",
        CertificateSortField.ThingName => "thing_name",
        CertificateSortField.Status => "status",
        CertificateSortField.NotAfter => "not_after",
        CertificateSortField.CreatedAt => "created_at",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static object? Value(CertificateCursor c, CertificateSortField field) => field switch
    {
        CertificateSortField.CertificateId => c.CertificateId,
        CertificateSortField.ThingName => c.ThingName,
        CertificateSortField.Status => c.Status,
        CertificateSortField.NotAfter => c.NotAfter.ToUnixTimeMilliseconds(),
        CertificateSortField.CreatedAt => c.CreatedAt.ToUnixTimeMilliseconds(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
