namespace Twins.Grains.FleetIndex;

/// <summary>Evaluates filters and sort keys in memory, with the same semantics as the SQL the SQLite index builds.</summary>
internal static class FleetFilterMatcher
{
    public static bool Matches(FleetIndexEntry entry, FleetFilter? filter, IReadOnlyCollection<string>? scope)
    {
        if (scope is not null && !scope.Contains(entry.ThingName))
        {
            return false;
        }

        return filter is null || Matches(entry, filter);
    }

    public static IOrderedEnumerable<FleetIndexEntry> Sort(IEnumerable<FleetIndexEntry> entries, IReadOnlyList<FleetOrder> order)
    {
        IOrderedEnumerable<FleetIndexEntry>? sorted = null;
        foreach (var key in order)
        {
            var comparer = new KeyComparer(key.Descending);
            sorted = sorted is null ? entries.OrderBy(e => Key(e, key.Field), comparer) : sorted.ThenBy(e => Key(e, key.Field), comparer);
            if (key.Field == FleetSortField.ThingName)
            {
                return sorted;
            }
        }

        return sorted is null ? entries.OrderBy(e => e.ThingName, StringComparer.Ordinal) : sorted.ThenBy(e => e.ThingName, StringComparer.Ordinal);
    }

    private static bool Matches(FleetIndexEntry e, FleetFilter f) =>
        Text(e.ThingName, f.ThingName) && Text(e.Vin, f.Vin) && Text(e.CertificateStatus, f.CertificateStatus)
        && (f.Connected is null || ((f.Connected.Eq is not { } eq || e.Connected == eq) && (f.Connected.Neq is not { } neq || e.Connected != neq)))
        && Compare(e.LastSeen, f.LastSeen) && Compare(e.CertificateExpiry, f.CertificateExpiry) && Compare<long>(e.ShadowVersion, f.ShadowVersion)
        && (f.And ?? []).All(a => Matches(e, a))
        && (f.Or is not { Count: > 0 } any || any.Any(o => Matches(e, o)));

    private static bool Text(string? value, StringCondition? c) =>
        c is null
        || ((c.Eq is null || value == c.Eq)
            && (c.Neq is null || value != c.Neq)
            && (c.In is null || (value is not null && c.In.Contains(value)))
            && (c.Nin is not { Count: > 0 } || value is null || !c.Nin.Contains(value))
            && (c.Contains is null || (value is not null && value.Contains(c.Contains, StringComparison.Ordinal)))
            && (c.StartsWith is null || (value is not null && value.StartsWith(c.StartsWith, StringComparison.Ordinal))));

    private static bool Compare<T>(T? value, ComparableCondition<T>? c)
        where T : struct, IComparable<T>
    {
        if (c is null)
        {
            return true;
        }

        if (c.Neq is { } neq && value is { } v0 && v0.CompareTo(neq) == 0)
        {
            return false;
        }

        if (c.Eq is null && c.Gt is null && c.Gte is null && c.Lt is null && c.Lte is null)
        {
            return true;
        }

        return value is { } v
            && (c.Eq is not { } eq || v.CompareTo(eq) == 0)
            && (c.Gt is not { } gt || v.CompareTo(gt) > 0)
            && (c.Gte is not { } gte || v.CompareTo(gte) >= 0)
            && (c.Lt is not { } lt || v.CompareTo(lt) < 0)
            && (c.Lte is not { } lte || v.CompareTo(lte) <= 0);
    }

    private static IComparable? Key(FleetIndexEntry e, FleetSortField field) => field switch
    {
        FleetSortField.ThingName => e.ThingName,
        FleetSortField.Vin => e.Vin,
        FleetSortField.Connected => e.Connected,
        FleetSortField.LastSeen => e.LastSeen,
        FleetSortField.CertificateStatus => e.CertificateStatus,
        FleetSortField.CertificateExpiry => e.CertificateExpiry,
        FleetSortField.ShadowVersion => e.ShadowVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>Ordinal for text; missing values last in either direction (like <c>NULLS LAST</c>).</summary>
    private sealed class KeyComparer(bool descending) : IComparer<IComparable?>
    {
        public int Compare(IComparable? x, IComparable? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : 1) : -1;
            }

            var result = x is string a && y is string b ? string.CompareOrdinal(a, b) : x.CompareTo(y);
            return descending ? -result : result;
        }
    }
}
