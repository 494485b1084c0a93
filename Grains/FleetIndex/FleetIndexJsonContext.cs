using System.Text.Json.Serialization;

namespace Twins.Grains.FleetIndex;

/// <summary>JSON metadata for the indexed reported fields.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class FleetIndexJsonContext : JsonSerializerContext
{
}
