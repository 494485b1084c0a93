using System.Text.Json.Serialization;
using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Vehicles;

/// <summary>Source-generated JSON metadata for the state a vehicle grain persists.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ShadowBook))]
[JsonSerializable(typeof(CommandLedger))]
[JsonSerializable(typeof(ConnectionStatus))]
[JsonSerializable(typeof(LastTelemetry))]
[JsonSerializable(typeof(CriticalState))]
public sealed partial class VehicleStateJsonContext : JsonSerializerContext
{
}
