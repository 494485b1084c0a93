namespace Twins.Grains.FleetIndex;

/// <summary>The fleet index columns a query can sort by.</summary>
public enum FleetSortField
{
    /// <summary>The thing name.</summary>
    ThingName,

    /// <summary>The VIN.</summary>
    Vin,

    /// <summary>The connection flag (disconnected first when ascending).</summary>
    Connected,

    /// <summary>The last-seen time.</summary>
    LastSeen,

    /// <summary>The certificate status.</summary>
    CertificateStatus,

    /// <summary>The certificate expiry.</summary>
    CertificateExpiry,

    /// <summary>The classic shadow's version.</summary>
    ShadowVersion,
}
