using System.Diagnostics.CodeAnalysis;

namespace Twins.Actors;

/// <summary>Identity of a grain: its type and key. Prints as <c>type/key</c>.</summary>
public readonly record struct GrainId
{
    /// <summary>Creates an id; neither part may be empty and the type may not contain '/'.</summary>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A grain type may not contain '/': '{type}'.", nameof(type));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The grain type, e.g. <c>vehicle</c>.</summary>
    public string Type { get; }

    /// <summary>The key, e.g. a thing name.</summary>
    public string Key { get; }

    /// <summary>Parses <c>type/key</c>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a grain id (expected type/key).");
    }

    /// <summary>Parses <c>type/key</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out GrainId id)
    {
        var slash = value?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (value is null || slash <= 0)
        {
            id = default;
            return false;
        }

        id = new GrainId(value[..slash], value[(slash + 1)..]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
