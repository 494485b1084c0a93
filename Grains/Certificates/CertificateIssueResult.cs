namespace Twins.Grains.Certificates;

/// <summary>Either an issued certificate or the reason it was refused.</summary>
/// <param name="Certificate">The certificate, when issued.</param>
/// <param name="Error">The reason, when refused.</param>
public sealed record CertificateIssueResult(IssuedCertificate? Certificate, CertificateError? Error)
{
    /// <summary>True when <see cref="Certificate"/> is set.</summary>
    public bool Succeeded => Certificate is not null;

    /// <summary>A refusal.</summary>
    public static CertificateIssueResult Fail(CertificateErrorCode code, string message) => new(null, new CertificateError(code, message));
}
