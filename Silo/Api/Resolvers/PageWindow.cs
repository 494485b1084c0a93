using System.Globalization;
using Twins.GraphQL.Execution;

namespace Twins.Silo.Api.Resolvers;

/// <summary>Relay paging arguments (<c>first</c>/<c>after</c>/<c>last</c>/<c>before</c>), checked against the page size limit.</summary>
internal sealed record PageWindow(int? First, string? After, int? Last, string? Before)
{
    public static PageWindow From(IResolverContext c)
    {
        int? Read(string name) => c.Arguments.TryGetValue(name, out var v) && v is not null ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;
        string? Cursor(string name) => c.Arguments.TryGetValue(name, out var v) ? v as string : null;
        var window = new PageWindow(Read("first"), Cursor("after"), Read("last"), Cursor("before"));
        foreach (var (name, size) in new[] { ("first", window.First), ("last", window.Last) })
        {
            if (size is < 0)
            {
                throw new GraphQLException($"`{name}` must not be negative.", "INVALID_PAGE_SIZE");
            }

            if (size > QueryResolvers.MaxPageSize)
            {
                throw new GraphQLException($"`{name}` must be at most {QueryResolvers.MaxPageSize}.", "MAX_PAGE_SIZE");
            }
        }

        return window;
    }

    /// <summary>Whether the page is the last rows of the window (only <c>last</c> given).</summary>
    public bool FromEnd => First is null && Last is not null;

    /// <summary>How many rows to fetch: <c>first</c>, else <c>last</c>, else the default page size.</summary>
    public int Limit => First ?? Last ?? QueryResolvers.DefaultPageSize;

    /// <summary>The offset and size of the page within <paramref name="total"/> rows (lists paged by offset cursors).</summary>
    public (int Offset, int Limit) Resolve(int total)
    {
        var start = After is { } after ? Math.Min(NodeId.ParseCursor(after) + 1, total) : 0;
        var end = Before is { } before ? Math.Clamp(NodeId.ParseCursor(before), start, total) : total;
        if (First is { } first)
        {
            end = Math.Min(end, start + first);
        }

        if (Last is { } last)
        {
            start = Math.Max(start, end - last);
        }
        else if (First is null)
        {
            end = Math.Min(end, start + QueryResolvers.DefaultPageSize);
        }

        return (start, end - start);
    }
}
