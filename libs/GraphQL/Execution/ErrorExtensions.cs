namespace Twins.GraphQL.Execution;

/// <summary>Shared extension dictionaries.</summary>
internal static class ErrorExtensions
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, object?>> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static IReadOnlyDictionary<string, object?> Code(string code)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(code, out var map))
            {
                map = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
                Cache[code] = map;
            }

            return map;
        }
    }
}
