namespace Twins.Grains.FleetIndex;

/// <summary>One vehicle's row in the fleet index: what list, filter and sort queries need without activating its grain.</summary>
/// <param name="ThingName">The vehicle's thing name (the key).</param>
/// <param name="Vin">Its VIN, when the thing name carries one (<c>Vehicle_{VIN}</c>).</param>
/// <param name="Connected">Whether it is connected.</param>
/// <param name="LastSeen">When anything was last heard from it.</param>
/// <param name="CertificateStatus">The status of its current certificate (for example <c>ACTIVE</c>), if known.</param>
/// <param name="CertificateExpiry">When its current certificate expires, if known.</param>
/// <param name="ShadowVersion">The classic shadow's version (0 before the first update).</param>
/// <param name="ReportedFields">The reported values named in <c>Twins:FleetIndex:ReportedFields</c>, as JSON text by path.</param>
/// <param name="UpdatedAt">When the row was last written.</param>
public sealed record FleetIndexEntry(
    string ThingName,
    string? Vin,
    bool Connected,
    DateTimeOffset? LastSeen,
    string? CertificateStatus,
    DateTimeOffset? CertificateExpiry,
    long ShadowVersion,
    IReadOnlyDictionary<string, string>? ReportedFields,
    DateTimeOffset UpdatedAt);
