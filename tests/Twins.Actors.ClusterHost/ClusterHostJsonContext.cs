using System.Text.Json.Serialization;

namespace Twins.Actors.ClusterHost;

[JsonSerializable(typeof(CounterState))]
public sealed partial class ClusterHostJsonContext : JsonSerializerContext
{
}
