namespace Twins.Grains.FleetIndex;

/// <summary>Conditions on a flag.</summary>
/// <param name="Eq">Equal to.</param>
/// <param name="Neq">Not equal to.</param>
public sealed record BooleanCondition(bool? Eq = null, bool? Neq = null);
