using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.FleetIndex;

/// <summary>Evaluates filters in memory, with the same semantics as the SQL <see cref="SqlFilterBuilder"/> builds.</summary>
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

    public static bool Matches(CertificateInfo certificate, CertificateFilter? filter, IReadOnlyCollection<string>? scope)
    {
        if (scope is not null && (certificate.ThingName is null || !scope.Contains(certificate.ThingName)))
        {
            return false;
        }

        return filter is null || Matches(certificate, filter);
    }

    private static bool Matches(CertificateInfo c, CertificateFilter f) =>
        Text(c.CertificateId, f.CertificateId) && Text(c.ThingName, f.ThingName) && Text(c.Status, f.Status)
        && Compare<DateTimeOffset>(c.NotAfter, f.NotAfter) && Compare<DateTimeOffset>(c.CreatedAt, f.CreatedAt)
        && (f.And ?? []).All(a => Matches(c, a))
        && (f.Or is not { Count: > 0 } any || any.Any(o => Matches(c, o)));

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
}
