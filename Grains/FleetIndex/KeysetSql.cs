using System.Text;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// SQL for keyset paging: the <c>ORDER BY</c> of a list of <see cref="SortKey"/>s (or its reverse, for
/// Relay's <c>last</c>) and the conditions "row comes after / before this position". The conditions never
/// evaluate to NULL (missing values compare with <c>IS</c>), so their negations are exact too.
/// </summary>
internal static class KeysetSql
{
    public static string OrderBy(IReadOnlyList<SortKey> keys, bool reverse)
    {
        var sql = new StringBuilder();
        foreach (var key in keys)
        {
            if (sql.Length > 0)
            {
                sql.Append(", ");
            }

            sql.Append(key.Column).Append(key.Descending != reverse ? " DESC" : " ASC");
            if (key.Nullable)
            {
                sql.Append(reverse ? " NULLS FIRST" : " NULLS LAST");
            }
        }

        return sql.ToString();
    }

    /// <summary>Rows strictly after the position whose key values are <paramref name="values"/> (database values; null for missing).</summary>
    public static string After(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> values, Func<object, string> parameter) =>
        Build(keys, values, parameter, after: true);

    /// <summary>Rows strictly before the position.</summary>
    public static string Before(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> values, Func<object, string> parameter) =>
        Build(keys, values, parameter, after: false);

    private static string Build(IReadOnlyList<SortKey> keys, IReadOnlyList<object?> values, Func<object, string> parameter, bool after)
    {
        var names = values.Select(v => v is null ? null : parameter(v)).ToList();
        var alternatives = new List<string>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (Beyond(keys[i], names[i], after) is not { } beyond)
            {
                continue;
            }

            var terms = new List<string>(i + 1);
            for (var j = 0; j < i; j++)
            {
                terms.Add(names[j] is { } name ? $"{keys[j].Column} IS {name}" : $"{keys[j].Column} IS NULL");
            }

            terms.Add(beyond);
            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }

        return alternatives.Count == 0 ? "0" : "(" + string.Join(" OR ", alternatives) + ")";
    }

    /// <summary>The row's value of one key comes strictly after (or before) the cursor's; null when nothing can.</summary>
    private static string? Beyond(SortKey key, string? value, bool after)
    {
        var op = after != key.Descending ? ">" : "<";
        if (after)
        {
            // Missing values are last: after a missing value nothing; after a value, larger values and missing ones.
            return value is null ? null : key.Nullable ? $"({key.Column} IS NULL OR {key.Column} {op} {value})" : $"{key.Column} {op} {value}";
        }

        // Before a missing value: every present one; before a value: smaller present ones.
        return value is null ? $"{key.Column} IS NOT NULL" : key.Nullable ? $"({key.Column} IS NOT NULL AND {key.Column} {op} {value})" : $"{key.Column} {op} {value}";
    }
}
