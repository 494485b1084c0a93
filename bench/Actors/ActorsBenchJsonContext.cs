using System.Text.Json.Serialization;

namespace Twins.Bench;

[JsonSerializable(typeof(EmptyState))]
internal sealed partial class ActorsBenchJsonContext : JsonSerializerContext
{
}
