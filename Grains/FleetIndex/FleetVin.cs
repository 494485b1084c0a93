namespace Twins.Grains.FleetIndex;

/// <summary>The VIN a thing name carries (<c>Vehicle_{VIN}</c>, as provisioning names vehicles).</summary>
internal static class FleetVin
{
    private const string Prefix = Provisioning.VehicleNames.Prefix;

    public static string? FromThingName(string thingName) =>
        thingName.StartsWith(Prefix, StringComparison.Ordinal) && thingName.Length > Prefix.Length ? thingName[Prefix.Length..] : null;
}
