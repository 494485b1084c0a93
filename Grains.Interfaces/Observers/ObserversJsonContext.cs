using System.Text.Json.Serialization;

namespace Twins.Grains.Observers;

/// <summary>Source-generated JSON metadata for the observer calls (register it on every silo).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(VehicleChange))]
public sealed partial class ObserversJsonContext : JsonSerializerContext
{
}
