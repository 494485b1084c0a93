namespace Twins.Grains.FleetIndex;

/// <summary>The part of a <see cref="FleetIndexEntry"/> a vehicle grain owns and writes after each change.</summary>
/// <param name="ThingName">The vehicle's thing name.</param>
/// <param name="Vin">Its VIN, if known.</param>
/// <param name="Connected">Whether it is connected.</param>
/// <param name="LastSeen">When anything was last heard from it.</param>
/// <param name="ShadowVersion">The classic shadow's version.</param>
/// <param name="ReportedFields">The configured reported values as JSON text by path.</param>
/// <param name="UpdatedAt">When the grain made the change.</param>
public sealed record FleetVehicleState(
    string ThingName,
    string? Vin,
    bool Connected,
    DateTimeOffset? LastSeen,
    long ShadowVersion,
    IReadOnlyDictionary<string, string>? ReportedFields,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The vehicle's command executions (those its ledger keeps) by status wire name (<c>SUCCEEDED</c>, ...).</summary>
    public IReadOnlyDictionary<string, int>? CommandCounts { get; init; }
}
