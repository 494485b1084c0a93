using Twins.GraphQL.Execution;

namespace Twins.Silo.Api.Resolvers;

/// <summary>Relay paging arguments (<c>first</c>/<c>after</c>/<c>last</c>/<c>before</c>) over offset cursors.</summary>
internal sealed record PageWindow(int? First, int? After, int? Last, int? Before)
{
    public static PageWindow From(IResolverContext c)
    {
        int? Read(string name) => c.Arguments.TryGetValue(name, out var v) && v is not null ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        int? Cursor(string name) => c.Arguments.TryGetValue(name, out var v) && v is string s ? NodeId.ParseCursor(s) : null;
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

    /// <summary>The offset and size of the page within <paramref name="total"/> rows.</summary>
    public (int Offset, int Limit) Resolve(int total)
    {
        var start = After is { } after ? Math.Min(after + 1, total) : 0;
        var end = Before is { } before ? Math.Clamp(before, start, total) : total;
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
