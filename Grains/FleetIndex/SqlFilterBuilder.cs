using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Twins.Grains.FleetIndex;

/// <summary>Turns a <see cref="FleetFilter"/> or <see cref="CertificateFilter"/> into a parameterized SQL condition on the index tables.</summary>
internal sealed class SqlFilterBuilder(SqliteCommand command)
{
    private int _parameters;

    /// <summary>The condition (no leading <c>WHERE</c>), or <c>null</c> when every row qualifies.</summary>
    public string? Build(FleetFilter? filter, IReadOnlyCollection<string>? scope) =>
        Join(Scope(scope), filter is null ? null : Filter(filter));

    /// <summary>The condition on the certificate table, or <c>null</c> when every row qualifies.</summary>
    public string? Build(CertificateFilter? filter, IReadOnlyCollection<string>? scope) =>
        Join(Scope(scope), filter is null ? null : Filter(filter));

    /// <summary>Adds a parameter with <paramref name="value"/>; returns its name.</summary>
    public string Parameter(object value)
    {
        var name = "$p" + (_parameters++).ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return name;
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + " AND " + b;

    private string? Scope(IReadOnlyCollection<string>? scope) =>
        scope is null ? null : scope.Count == 0 ? "0" : "thing_name IN (" + string.Join(", ", scope.Select(Parameter)) + ")";

    private string? Filter(CertificateFilter filter)
    {
        var parts = new List<string>();
        Text(parts, "certificate_id", filter.CertificateId);
        Text(parts, "thing_name", filter.ThingName);
        Text(parts, "status", filter.Status);
        Compare(parts, "not_after", filter.NotAfter, v => v.ToUnixTimeMilliseconds());
        Compare(parts, "created_at", filter.CreatedAt, v => v.ToUnixTimeMilliseconds());
        foreach (var child in filter.And ?? [])
        {
            parts.Add(Filter(child) ?? "1");
        }

        if (filter.Or is { Count: > 0 } any)
        {
            parts.Add("(" + string.Join(" OR ", any.Select(f => Filter(f) ?? "1")) + ")");
        }

        return parts.Count == 0 ? null : "(" + string.Join(" AND ", parts) + ")";
    }

    private string? Filter(FleetFilter filter)
    {
        var parts = new List<string>();
        Text(parts, "thing_name", filter.ThingName);
        Text(parts, "vin", filter.Vin);
        Text(parts, "certificate_status", filter.CertificateStatus);
        if (filter.Connected is { } connected)
        {
            if (connected.Eq is { } eq)
            {
                parts.Add("connected = " + (eq ? "1" : "0"));
            }

            if (connected.Neq is { } neq)
            {
                parts.Add("connected <> " + (neq ? "1" : "0"));
            }
        }

        Compare(parts, "last_seen", filter.LastSeen, v => v.ToUnixTimeMilliseconds());
        Compare(parts, "certificate_expiry", filter.CertificateExpiry, v => v.ToUnixTimeMilliseconds());
        Compare(parts, "shadow_version", filter.ShadowVersion, v => v);
        foreach (var child in filter.And ?? [])
        {
            parts.Add(Filter(child) ?? "1");
        }

        if (filter.Or is { Count: > 0 } any)
        {
            parts.Add("(" + string.Join(" OR ", any.Select(f => Filter(f) ?? "1")) + ")");
        }

        return parts.Count == 0 ? null : "(" + string.Join(" AND ", parts) + ")";
    }

    private void Text(List<string> parts, string column, StringCondition? condition)
    {
        if (condition is null)
        {
            return;
        }

        if (condition.Eq is { } eq)
        {
            parts.Add($"{column} = {Parameter(eq)}");
        }

        if (condition.Neq is { } neq)
        {
            parts.Add($"{column} IS NOT {Parameter(neq)}");
        }

        if (condition.In is { } values)
        {
            parts.Add(values.Count == 0 ? "0" : $"{column} IN ({string.Join(", ", values.Select(Parameter))})");
        }

        if (condition.Nin is { Count: > 0 } excluded)
        {
            parts.Add($"({column} IS NULL OR {column} NOT IN ({string.Join(", ", excluded.Select(Parameter))}))");
        }

        if (condition.Contains is { } contains)
        {
            parts.Add($"instr({column}, {Parameter(contains)}) > 0");
        }

        if (condition.StartsWith is { } prefix)
        {
            parts.Add($"substr({column}, 1, {prefix.Length.ToString(CultureInfo.InvariantCulture)}) = {Parameter(prefix)}");
        }
    }

    private void Compare<T>(List<string> parts, string column, ComparableCondition<T>? condition, Func<T, long> toDb)
        where T : struct, IComparable<T>
    {
        if (condition is null)
        {
            return;
        }

        void Add(T? value, string op)
        {
            if (value is { } v)
            {
                parts.Add($"{column} {op} {Parameter(toDb(v))}");
            }
        }

        Add(condition.Eq, "=");
        Add(condition.Gt, ">");
        Add(condition.Gte, ">=");
        Add(condition.Lt, "<");
        Add(condition.Lte, "<=");
        if (condition.Neq is { } neq)
        {
            parts.Add($"{column} IS NOT {Parameter(toDb(neq))}");
        }
    }
}
