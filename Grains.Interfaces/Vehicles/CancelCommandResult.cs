using Twins.Grains.Commands;

namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>The outcome of <see cref="IVehicleGrain.CancelCommandAsync"/>.</summary>
/// <param name="Outcome">Canceled, not cancelable (see the execution's status) or not found.</param>
/// <param name="Execution">The execution as it is now; <c>null</c> when not found.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CancelCommandResult")]
public sealed record CancelCommandResult([Id(0)] CommandCancelOutcome Outcome, [Id(1)] CommandExecution? Execution);
