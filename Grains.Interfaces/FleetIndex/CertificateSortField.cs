namespace Twins.Grains.FleetIndex;

/// <summary>The certificate index columns a query can sort by.</summary>
public enum CertificateSortField
{
    /// <summary>The certificate id.</summary>
    CertificateId,

    /// <summary>The owner vehicle's thing name.</summary>
    ThingName,

    /// <summary>The status.</summary>
    Status,

    /// <summary>The end of validity.</summary>
    NotAfter,

    /// <summary>The creation time.</summary>
    CreatedAt,
}
