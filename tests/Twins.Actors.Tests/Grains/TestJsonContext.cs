using System.Text.Json.Serialization;

namespace Twins.Actors.Tests.Grains;

[JsonSerializable(typeof(LifecycleState))]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class TestJsonContext : JsonSerializerContext
{
}
