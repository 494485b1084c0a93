namespace Twins.Grains.DeviceShadow;

/// <summary>Limits of the Device Shadow service; the defaults are AWS IoT's.</summary>
public sealed record ShadowOptions
{
    /// <summary>AWS IoT: desired + reported may hold at most 8 KB.</summary>
    public const int DefaultMaxStateBytes = 8 * 1024;

    /// <summary>AWS IoT: at most 6 levels of nesting inside desired or reported.</summary>
    public const int DefaultMaxDepth = 6;

    /// <summary>AWS IoT: a clientToken is at most 64 bytes of UTF-8.</summary>
    public const int DefaultMaxClientTokenBytes = 64;

    /// <summary>The shared instance with AWS IoT's limits.</summary>
    public static ShadowOptions Default { get; } = new();

    /// <summary>Largest compact UTF-8 size of desired + reported, in the request and in the stored shadow.</summary>
    public int MaxStateBytes { get; init; } = DefaultMaxStateBytes;

    /// <summary>Deepest nesting of objects and arrays inside desired or reported.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>Longest clientToken in UTF-8 bytes.</summary>
    public int MaxClientTokenBytes { get; init; } = DefaultMaxClientTokenBytes;

    /// <summary>A shadow recreated within this time after its delete continues the deleted one's version.</summary>
    public TimeSpan VersionRetention { get; init; } = TimeSpan.FromHours(48);
}
