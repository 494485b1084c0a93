using Twins.Grains.Commands;

namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>The outcome of <see cref="IVehicleGrain.SendCommandAsync"/>.</summary>
/// <param name="Execution">The execution (new, or the existing one for a repeated id); <c>null</c> when the request was invalid.</param>
/// <param name="Error">Why the request was refused.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CommandResult")]
public sealed record CommandResult([Id(0)] CommandExecution? Execution, [Id(1)] string? Error = null);
