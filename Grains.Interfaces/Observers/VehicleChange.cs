using Twins.Grains.Commands;

namespace Twins.Grains.Observers;

/// <summary>A change a vehicle grain tells its observers about, after the change is written.</summary>
/// <param name="ThingName">The vehicle.</param>
/// <param name="Kind">What changed.</param>
/// <param name="ShadowName">For <see cref="VehicleChangeKind.Shadow"/>: the shadow (<c>null</c> for the classic one).</param>
/// <param name="ShadowVersion">For <see cref="VehicleChangeKind.Shadow"/>: that shadow's version after the change.</param>
/// <param name="Connected">Whether the vehicle is connected after the change.</param>
/// <param name="LastSeen">When anything was last heard from the vehicle.</param>
/// <param name="Execution">For <see cref="VehicleChangeKind.Command"/>: the execution after the change.</param>
/// <param name="At">When the grain made the change.</param>
public sealed record VehicleChange(
    string ThingName,
    VehicleChangeKind Kind,
    string? ShadowName,
    long ShadowVersion,
    bool Connected,
    DateTimeOffset? LastSeen,
    CommandExecution? Execution,
    DateTimeOffset At);
