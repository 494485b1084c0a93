using Twins.Grains.Commands;

namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>The outcome of a vehicle's command response.</summary>
/// <param name="Outcome">Applied, duplicate, stale, unknown execution or invalid.</param>
/// <param name="Status">The execution's status afterwards, when it exists.</param>
/// <param name="Error">Why the response was refused, when it was.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CommandResponseResult")]
public sealed record CommandResponseResult([Id(0)] CommandResponseOutcome Outcome, [Id(1)] CommandExecutionStatus? Status, [Id(2)] string? Error = null);
