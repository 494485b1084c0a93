namespace Twins.Grains.FleetIndex;

/// <summary>
/// Keyset paging in memory (the DynamoDB index filters and sorts a scan) with exactly the semantics of
/// <see cref="KeysetSql"/>: values are text (ordinal) or 64-bit integers, missing values last.
/// </summary>
internal static class KeysetMemory
{
    public static int Compare(object?[] x, object?[] y, SortKey[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            int result;
            if (x[i] is null || y[i] is null)
            {
                result = x[i] is null ? (y[i] is null ? 0 : 1) : -1;
            }
            else
            {
                result = x[i] is string a ? string.CompareOrdinal(a, (string)y[i]!) : ((long)x[i]!).CompareTo((long)y[i]!);
                result = keys[i].Descending ? -result : result;
            }

            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    /// <summary>
    /// The page of <paramref name="matching"/> (already filtered) strictly between the cursors: the first
    /// <paramref name="limit"/> rows, or the last when <paramref name="fromEnd"/>.
    /// </summary>
    public static KeysetPage<T> Page<T>(IEnumerable<T> matching, Func<T, object?[]> valuesOf, SortKey[] keys, object?[]? after, object?[]? before, int limit, bool fromEnd)
    {
        var sorted = matching.Select(item => (Item: item, Values: valuesOf(item))).ToList();
        sorted.Sort((a, b) => Compare(a.Values, b.Values, keys));
        var start = after is null ? 0 : sorted.FindIndex(r => Compare(r.Values, after, keys) > 0) is var first and >= 0 ? first : sorted.Count;
        var end = before is null ? sorted.Count : sorted.FindIndex(r => Compare(r.Values, before, keys) >= 0) is var last and >= 0 ? last : sorted.Count;
        end = Math.Max(start, end);
        var from = fromEnd ? Math.Max(start, end - limit) : start;
        var to = fromEnd ? end : Math.Min(end, start + limit);
        return new KeysetPage<T>([.. sorted.GetRange(from, to - from).Select(r => r.Item)], from > 0, to < sorted.Count);
    }
}
