namespace Twins.Grains.Serialization;

/// <summary>
/// A <see cref="System.Text.Json.JsonElement"/> on the wire: its raw JSON text. Command parameters and
/// results are JSON documents of the vehicle's choosing, so they travel as text rather than as a tree.
/// </summary>
[GenerateSerializer]
[Alias("Twins.JsonElement")]
public struct JsonElementSurrogate
{
    /// <summary>The element's raw JSON text.</summary>
    [Id(0)]
    public string Json { get; init; }
}
