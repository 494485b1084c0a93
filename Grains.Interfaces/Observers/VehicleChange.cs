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
[GenerateSerializer]
[Immutable]
[Alias("Twins.VehicleChange")]
public sealed record VehicleChange(
    [Id(0)] string ThingName,
    [Id(1)] VehicleChangeKind Kind,
    [Id(2)] string? ShadowName,
    [Id(3)] long ShadowVersion,
    [Id(4)] bool Connected,
    [Id(5)] DateTimeOffset? LastSeen,
    [Id(6)] CommandExecution? Execution,
    [Id(7)] DateTimeOffset At);
