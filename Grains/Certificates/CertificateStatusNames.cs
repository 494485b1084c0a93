namespace Twins.Grains.Certificates;

/// <summary>Wire names of <see cref="CertificateStatus"/>.</summary>
public static class CertificateStatusNames
{
    /// <summary><c>PENDING_ACTIVATION</c>, <c>ACTIVE</c>, <c>INACTIVE</c> or <c>REVOKED</c>.</summary>
    public static string ToWireName(this CertificateStatus status) => status switch
    {
        CertificateStatus.PendingActivation => "PENDING_ACTIVATION",
        CertificateStatus.Active => "ACTIVE",
        CertificateStatus.Inactive => "INACTIVE",
        CertificateStatus.Revoked => "REVOKED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
