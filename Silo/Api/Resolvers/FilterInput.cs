using System.Globalization;
using Twins.Grains.FleetIndex;
using Twins.GraphQL.Execution;

namespace Twins.Silo.Api.Resolvers;

/// <summary>Maps the <c>where</c> and <c>order</c> input objects onto fleet index queries.</summary>
internal static class FilterInput
{
    public static IReadOnlyDictionary<string, object?>? Argument(IResolverContext c, string name) =>
        c.Arguments.GetValueOrDefault(name) as IReadOnlyDictionary<string, object?>;

    public static FleetFilter? Vehicle(IReadOnlyDictionary<string, object?>? input)
    {
        if (input is null)
        {
            return null;
        }

        return new FleetFilter
        {
            And = List(input, "and")?.Select(i => Vehicle(i)!).ToList(),
            Or = List(input, "or")?.Select(i => Vehicle(i)!).ToList(),
            ThingName = Text(input, "thingName"),
            Vin = Text(input, "vin"),
            CertificateStatus = Text(input, "certificateStatus"),
            Connected = Object(input, "connected") is { } b ? new BooleanCondition(b.GetValueOrDefault("eq") as bool?, b.GetValueOrDefault("neq") as bool?) : null,
            LastSeen = Compare(input, "lastSeen", v => (DateTimeOffset)v),
            CertificateExpiry = Compare(input, "certificateExpiry", v => (DateTimeOffset)v),
            ShadowVersion = Compare(input, "shadowVersion", v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
        };
    }

    public static CertificateFilter? Certificate(IReadOnlyDictionary<string, object?>? input)
    {
        if (input is null)
        {
            return null;
        }

        return new CertificateFilter
        {
            And = List(input, "and")?.Select(i => Certificate(i)!).ToList(),
            Or = List(input, "or")?.Select(i => Certificate(i)!).ToList(),
            CertificateId = Text(input, "certificateId"),
            ThingName = Text(input, "thingName"),
            Status = Text(input, "status"),
            NotAfter = Compare(input, "notAfter", v => (DateTimeOffset)v),
            CreatedAt = Compare(input, "createdAt", v => (DateTimeOffset)v),
        };
    }

    public static IReadOnlyList<CertificateOrder> CertificateOrder(IEnumerable<object?>? input) =>
        [.. Keys(input).Select(k => new CertificateOrder(
            k.Name switch
            {
                "certificateId" => CertificateSortField.CertificateId,
                "thingName" => CertificateSortField.ThingName,
                "status" => CertificateSortField.Status,
                "notAfter" => CertificateSortField.NotAfter,
                "createdAt" => CertificateSortField.CreatedAt,
                _ => throw new GraphQLException($"Cannot sort by `{k.Name}`.", "INVALID_SORT"),
            },
            k.Descending))];

    private static IEnumerable<(string Name, bool Descending)> Keys(IEnumerable<object?>? input)
    {
        foreach (var item in input ?? [])
        {
            if (item is not IReadOnlyDictionary<string, object?> keys)
            {
                continue;
            }

            foreach (var (name, direction) in keys)
            {
                if (direction is not null)
                {
                    yield return (name, string.Equals(direction.ToString(), "DESC", StringComparison.Ordinal));
                }
            }
        }
    }

    public static IReadOnlyList<FleetOrder> Order(IEnumerable<object?>? input)
    {
        var order = new List<FleetOrder>();
        foreach (var item in input ?? [])
        {
            if (item is not IReadOnlyDictionary<string, object?> keys)
            {
                continue;
            }

            foreach (var (name, direction) in keys)
            {
                if (direction is null)
                {
                    continue;
                }

                var field = name switch
                {
                    "thingName" => FleetSortField.ThingName,
                    "vin" => FleetSortField.Vin,
                    "connected" => FleetSortField.Connected,
                    "lastSeen" => FleetSortField.LastSeen,
                    "certificateStatus" => FleetSortField.CertificateStatus,
                    "certificateExpiry" => FleetSortField.CertificateExpiry,
                    "shadowVersion" => FleetSortField.ShadowVersion,
                    _ => throw new GraphQLException($"Cannot sort by `{name}`.", "INVALID_SORT"),
                };
                order.Add(new FleetOrder(field, string.Equals(direction.ToString(), "DESC", StringComparison.Ordinal)));
            }
        }

        return order;
    }

    public static IReadOnlyDictionary<string, object?>? Object(IReadOnlyDictionary<string, object?> input, string name) =>
        input.GetValueOrDefault(name) as IReadOnlyDictionary<string, object?>;

    public static StringCondition? Text(IReadOnlyDictionary<string, object?> input, string name) =>
        Object(input, name) is { } o
            ? new StringCondition
            {
                Eq = o.GetValueOrDefault("eq")?.ToString(),
                Neq = o.GetValueOrDefault("neq")?.ToString(),
                In = (o.GetValueOrDefault("in") as IEnumerable<object?>)?.Select(v => v!.ToString()!).ToList(),
                Nin = (o.GetValueOrDefault("nin") as IEnumerable<object?>)?.Select(v => v!.ToString()!).ToList(),
                Contains = o.GetValueOrDefault("contains") as string,
                StartsWith = o.GetValueOrDefault("startsWith") as string,
            }
            : null;

    private static List<IReadOnlyDictionary<string, object?>>? List(IReadOnlyDictionary<string, object?> input, string name) =>
        (input.GetValueOrDefault(name) as IEnumerable<object?>)?.OfType<IReadOnlyDictionary<string, object?>>().ToList();

    private static ComparableCondition<T>? Compare<T>(IReadOnlyDictionary<string, object?> input, string name, Func<object, T> convert)
        where T : struct, IComparable<T>
    {
        if (Object(input, name) is not { } o)
        {
            return null;
        }

        T? Get(string key) => o.GetValueOrDefault(key) is { } v ? convert(v) : null;
        return new ComparableCondition<T> { Eq = Get("eq"), Neq = Get("neq"), Gt = Get("gt"), Gte = Get("gte"), Lt = Get("lt"), Lte = Get("lte") };
    }
}
