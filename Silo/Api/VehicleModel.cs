using Twins.Grains.FleetIndex;

namespace Twins.Silo.Api;

/// <summary>The parent object of the <c>Vehicle</c> type: its thing name and its fleet index row.</summary>
internal sealed record VehicleModel(string ThingName, FleetIndexEntry Entry);
