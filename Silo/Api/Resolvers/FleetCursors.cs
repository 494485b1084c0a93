using System.Globalization;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Silo.Api.Resolvers;

/// <summary>Keyset cursors of <c>vehicles</c> and <c>certificates</c> edges: the edge's values of the effective sort order (requested keys, then the unique key).</summary>
internal static class FleetCursors
{
    public static IReadOnlyList<FleetOrder> Effective(IReadOnlyList<FleetOrder> order)
    {
        var index = order.ToList().FindIndex(o => o.Field == FleetSortField.ThingName);
        return index >= 0 ? [.. order.Take(index + 1)] : [.. order, new FleetOrder(FleetSortField.ThingName)];
    }

    public static IReadOnlyList<CertificateOrder> Effective(IReadOnlyList<CertificateOrder> order)
    {
        var index = order.ToList().FindIndex(o => o.Field == CertificateSortField.CertificateId);
        return index >= 0 ? [.. order.Take(index + 1)] : [.. order, new CertificateOrder(CertificateSortField.CertificateId)];
    }

    public static string Encode(FleetIndexEntry entry, IReadOnlyList<FleetOrder> effective) =>
        KeysetCursor.Encode(Signature(effective), [.. effective.Select(o => Value(entry, o.Field))]);

    public static string Encode(CertificateInfo certificate, IReadOnlyList<CertificateOrder> effective) =>
        KeysetCursor.Encode(Signature(effective), [.. effective.Select(o => Value(certificate, o.Field))]);

    public static FleetCursor? DecodeVehicle(string? cursor, IReadOnlyList<FleetOrder> effective)
    {
        if (cursor is null)
        {
            return null;
        }

        var values = KeysetCursor.Decode(cursor, Signature(effective), effective.Count);
        var position = new FleetCursor(KeysetCursor.Text(values[^1]) ?? throw KeysetCursor.Invalid());
        for (var i = 0; i < effective.Count - 1; i++)
        {
            var v = values[i];
            position = effective[i].Field switch
            {
                FleetSortField.Vin => position with { Vin = KeysetCursor.Text(v) },
                FleetSortField.Connected => position with { Connected = KeysetCursor.Flag(v) },
                FleetSortField.LastSeen => position with { LastSeen = Time(KeysetCursor.NullableNumber(v)) },
                FleetSortField.CertificateStatus => position with { CertificateStatus = KeysetCursor.Text(v) },
                FleetSortField.CertificateExpiry => position with { CertificateExpiry = Time(KeysetCursor.NullableNumber(v)) },
                FleetSortField.ShadowVersion => position with { ShadowVersion = KeysetCursor.Number(v) },
                _ => throw KeysetCursor.Invalid(),
            };
        }

        return position;
    }

    public static CertificateCursor? DecodeCertificate(string? cursor, IReadOnlyList<CertificateOrder> effective)
    {
        if (cursor is null)
        {
            return null;
        }

        var values = KeysetCursor.Decode(cursor, Signature(effective), effective.Count);
        var position = new CertificateCursor(KeysetCursor.Text(values[^1]) ?? throw KeysetCursor.Invalid());
        for (var i = 0; i < effective.Count - 1; i++)
        {
            var v = values[i];
            position = effective[i].Field switch
            {
                CertificateSortField.ThingName => position with { ThingName = KeysetCursor.Text(v) },
                CertificateSortField.Status => position with { Status = KeysetCursor.Text(v) },
                CertificateSortField.NotAfter => position with { NotAfter = DateTimeOffset.FromUnixTimeMilliseconds(KeysetCursor.Number(v)) },
                CertificateSortField.CreatedAt => position with { CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(KeysetCursor.Number(v)) },
                _ => throw KeysetCursor.Invalid(),
            };
        }

        return position;
    }

    private static string Signature(IReadOnlyList<FleetOrder> effective) =>
        "vehicles:" + string.Join(',', effective.Select(o => ((int)o.Field).ToString(CultureInfo.InvariantCulture) + (o.Descending ? "d" : "a")));

    private static string Signature(IReadOnlyList<CertificateOrder> effective) =>
        "certificates:" + string.Join(',', effective.Select(o => ((int)o.Field).ToString(CultureInfo.InvariantCulture) + (o.Descending ? "d" : "a")));

    private static DateTimeOffset? Time(long? milliseconds) => milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static object? Value(FleetIndexEntry e, FleetSortField field) => field switch
    {
        FleetSortField.ThingName => e.ThingName,
        FleetSortField.Vin => e.Vin,
        FleetSortField.Connected => e.Connected,
        FleetSortField.LastSeen => e.LastSeen?.ToUnixTimeMilliseconds(),
        FleetSortField.CertificateStatus => e.CertificateStatus,
        FleetSortField.CertificateExpiry => e.CertificateExpiry?.ToUnixTimeMilliseconds(),
        FleetSortField.ShadowVersion => e.ShadowVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static object? Value(CertificateInfo c, CertificateSortField field) => field switch
    {
        CertificateSortField.CertificateId => c.CertificateId,
        CertificateSortField.ThingName => c.ThingName,
        CertificateSortField.Status => c.Status,
        CertificateSortField.NotAfter => c.NotAfter.ToUnixTimeMilliseconds(),
        CertificateSortField.CreatedAt => c.CreatedAt.ToUnixTimeMilliseconds(),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
