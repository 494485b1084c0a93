using System.Text;

namespace Twins.GraphQL.Language;

/// <summary>
/// Interns short ASCII names so a hot query allocates no new strings for the names it repeats.
/// Thread-safe: the table is a fixed array of immutable strings; races only lose a cache entry.
/// </summary>
internal static class NameCache
{
    private const int Size = 4096;
    private const int MaxLength = 32;
    private static readonly string?[] Table = new string?[Size];

    public static string Get(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxLength)
        {
            return Encoding.ASCII.GetString(name);
        }

        var hash = 17;
        foreach (var b in name)
        {
            hash = (hash * 31) + b;
        }

        var slot = (hash & 0x7FFFFFFF) % Size;
        var cached = Volatile.Read(ref Table[slot]);
        if (cached is not null && Matches(cached, name))
        {
            return cached;
        }

        var created = Encoding.ASCII.GetString(name);
        Volatile.Write(ref Table[slot], created);
        return created;
    }

    private static bool Matches(string cached, ReadOnlySpan<byte> name)
    {
        if (cached.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (cached[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
