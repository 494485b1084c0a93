namespace Twins.Silo.Api.Resolvers;

/// <summary>Builds Relay connection objects (edges, nodes, pageInfo, totalCount).</summary>
internal static class Connection
{
    /// <summary>A page of an in-memory list paged by offset cursors.</summary>
    public static Dictionary<string, object?> Create(IReadOnlyList<object> items, int offset, int total, PageWindow window)
    {
        var end = offset + items.Count;
        var upper = window.Before is { } before ? Math.Min(NodeId.ParseCursor(before), total) : total;
        return Create(items, items.Select((_, i) => NodeId.Cursor(offset + i)).ToList(), total, offset > 0, end < upper || (window.Before is not null && end < total));
    }

    /// <summary>A page with its cursors (keyset pages know whether rows lie before and after them).</summary>
    public static Dictionary<string, object?> Create(IReadOnlyList<object> items, IReadOnlyList<string> cursors, int total, bool hasPreviousPage, bool hasNextPage)
    {
        var edges = items.Select((item, i) => new Dictionary<string, object?>(StringComparer.Ordinal) { ["cursor"] = cursors[i], ["node"] = item }).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["edges"] = edges,
            ["nodes"] = items,
            ["totalCount"] = total,
            ["pageInfo"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["hasNextPage"] = hasNextPage,
                ["hasPreviousPage"] = hasPreviousPage,
                ["startCursor"] = cursors.Count > 0 ? cursors[0] : null,
                ["endCursor"] = cursors.Count > 0 ? cursors[^1] : null,
            },
        };
    }
}
