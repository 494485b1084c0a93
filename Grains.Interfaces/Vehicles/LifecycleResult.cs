namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>What a lifecycle event did.</summary>
/// <param name="Applied">False when it was a duplicate, out of order, invalid, or for an unknown vehicle.</param>
/// <param name="Connected">Whether the vehicle is connected afterwards.</param>
/// <param name="Error">Why the payload was refused, when it was.</param>
/// <param name="UnknownVehicle">
/// The vehicle has no twin (nothing stored) and is not admitted by this event (not provisioned, or the event is a
/// disconnect): nothing was written, so a lifecycle event never creates a twin on its own.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.LifecycleResult")]
public sealed record LifecycleResult([Id(0)] bool Applied, [Id(1)] bool Connected, [Id(2)] string? Error = null, [Id(3)] bool UnknownVehicle = false);
