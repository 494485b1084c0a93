using System.Text.Json.Serialization;
using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>Source-generated JSON metadata for the arguments and results of <see cref="IVehicleGrain"/> (register it on every silo and client).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ShadowResult))]
[JsonSerializable(typeof(LifecycleResult))]
[JsonSerializable(typeof(ConnectionStatus))]
[JsonSerializable(typeof(TelemetrySample))]
[JsonSerializable(typeof(TelemetrySampleOutcome))]
[JsonSerializable(typeof(LastTelemetry))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(CommandResponseResult))]
[JsonSerializable(typeof(CancelCommandResult))]
[JsonSerializable(typeof(CommandExecution))]
[JsonSerializable(typeof(IReadOnlyList<CommandExecution>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(CriticalMessage))]
[JsonSerializable(typeof(ShadowOperation))]
[JsonSerializable(typeof(PresenceEventType))]
[JsonSerializable(typeof(long?))]
public sealed partial class VehicleJsonContext : JsonSerializerContext
{
}
