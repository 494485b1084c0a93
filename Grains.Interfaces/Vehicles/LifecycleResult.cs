namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>What a lifecycle event did.</summary>
/// <param name="Applied">False when it was a duplicate, out of order, or invalid.</param>
/// <param name="Connected">Whether the vehicle is connected afterwards.</param>
/// <param name="Error">Why the payload was refused, when it was.</param>
public sealed record LifecycleResult(bool Applied, bool Connected, string? Error = null);
