using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.FleetIndex;

/// <summary>A position in the certificate index's sort order: one row's sort key values and its certificate id (the tie-breaker).</summary>
/// <param name="CertificateId">The row's certificate id.</param>
public sealed record CertificateCursor(string CertificateId)
{
    /// <summary>The thing name sort key.</summary>
    public string? ThingName { get; init; }

    /// <summary>The status sort key.</summary>
    public string? Status { get; init; }

    /// <summary>The end-of-validity sort key.</summary>
    public DateTimeOffset NotAfter { get; init; }

    /// <summary>The creation time sort key.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The position of <paramref name="certificate"/>.</summary>
    public static CertificateCursor From(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateCursor(certificate.CertificateId)
        {
            ThingName = certificate.ThingName,
            Status = certificate.Status,
            NotAfter = certificate.NotAfter,
            CreatedAt = certificate.CreatedAt,
        };
    }
}
