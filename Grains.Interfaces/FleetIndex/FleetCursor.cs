namespace Twins.Grains.FleetIndex;

/// <summary>
/// A position in the fleet index's sort order: the sort key values of one row and its thing name (the
/// tie-breaker). Only the fields a query sorts by matter; a cursor built from a row stays valid after the
/// row changes or disappears.
/// </summary>
/// <param name="ThingName">The row's thing name.</param>
public sealed record FleetCursor(string ThingName)
{
    /// <summary>The VIN sort key.</summary>
    public string? Vin { get; init; }

    /// <summary>The connection flag sort key.</summary>
    public bool Connected { get; init; }

    /// <summary>The last-seen sort key.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The certificate status sort key.</summary>
    public string? CertificateStatus { get; init; }

    /// <summary>The certificate expiry sort key.</summary>
    public DateTimeOffset? CertificateExpiry { get; init; }

    /// <summary>The shadow version sort key.</summary>
    public long ShadowVersion { get; init; }

    /// <summary>The position of <paramref name="entry"/>.</summary>
    public static FleetCursor From(FleetIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new FleetCursor(entry.ThingName)
        {
            Vin = entry.Vin,
            Connected = entry.Connected,
            LastSeen = entry.LastSeen,
            CertificateStatus = entry.CertificateStatus,
            CertificateExpiry = entry.CertificateExpiry,
            ShadowVersion = entry.ShadowVersion,
        };
    }
}
