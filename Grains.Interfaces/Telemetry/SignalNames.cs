using System.Collections.Concurrent;
using System.Text;

namespace Twins.Grains.Telemetry;

/// <summary>
/// Shares one string per signal name: a fleet sends the same few names in every sample, so decoding reuses them
/// instead of allocating each name again per message (and every vehicle's last values hold the same instances).
/// Bounded: past <see cref="Capacity"/> distinct names, new ones are allocated as usual.
/// </summary>
internal static class SignalNames
{
    internal const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared string for a name of at most <see cref="TelemetryLimits.MaxNameLength"/> characters.</summary>
    public static string Get(ReadOnlySpan<char> name)
    {
        if (ByChars.TryGetValue(name, out var shared))
        {
            return shared;
        }

        var text = name.ToString();
        return Names.Count < Capacity && text.Length <= TelemetryLimits.MaxNameLength ? Names.GetOrAdd(text, text) : text;
    }

    /// <summary>The shared string for a UTF-8 name (longer names are decoded without sharing).</summary>
    public static string Get(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > TelemetryLimits.MaxNameLength * 3)
        {
            return Encoding.UTF8.GetString(utf8Name);
        }

        Span<char> chars = stackalloc char[utf8Name.Length];
        var count = Encoding.UTF8.GetChars(utf8Name, chars);
        return Get(chars[..count]);
    }
}
