namespace Twins.Silo.Api.Resolvers;

/// <summary>Builds Relay connection objects (edges, nodes, pageInfo, totalCount).</summary>
internal static class Connection
{
    public static Dictionary<string, object?> Create(IReadOnlyList<object> items, int offset, int total, PageWindow window)
    {
        var edges = items.Select((item, i) => new Dictionary<string, object?>(StringComparer.Ordinal) { ["cursor"] = NodeId.Cursor(offset + i), ["node"] = item }).ToList();
        var end = offset + items.Count;
        var upper = window.Before is { } before ? Math.Min(before, total) : total;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["edges"] = edges,
            ["nodes"] = items,
            ["totalCount"] = total,
            ["pageInfo"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["hasNextPage"] = end < upper || (window.Before is not null && end < total),
                ["hasPreviousPage"] = offset > 0,
                ["startCursor"] = items.Count > 0 ? NodeId.Cursor(offset) : null,
                ["endCursor"] = items.Count > 0 ? NodeId.Cursor(end - 1) : null,
            },
        };
    }
}
