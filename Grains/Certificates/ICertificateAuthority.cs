using System.Security.Cryptography.X509Certificates;

namespace Twins.Grains.Certificates;

/// <summary>
/// Issues vehicle certificates under an issuing CA and signs the CRL. Implemented in process by
/// <see cref="InProcessCertificateAuthority"/>; a managed CA can replace it. Every issuing call is
/// idempotent per request id: the same id returns the same certificate, a different request under
/// the same id is refused.
/// </summary>
public interface ICertificateAuthority
{
    /// <summary>The trust anchor vehicles and the broker trust (public part only).</summary>
    X509Certificate2 RootCertificate { get; }

    /// <summary>The CA that signs vehicle certificates and the CRL (public part only).</summary>
    X509Certificate2 IssuingCertificate { get; }

    /// <summary>The issuing CA then the root, in PEM: what a TLS peer needs to build the chain.</summary>
    string CertificateChainPem { get; }

    /// <summary>
    /// Issues an operational certificate from a PEM CSR: signature verified, key ECDSA P-256/P-384 or
    /// RSA ≥ 2048, subject forced to <c>CN={thingName}</c>, client-authentication only. When
    /// <paramref name="thingName"/> is <c>null</c> (create-from-csr, before the vehicle is known) the CSR's
    /// CN must itself be a valid thing name; otherwise a CSR CN, if present, must equal it.
    /// </summary>
    Task<CertificateIssueResult> IssueFromCsrAsync(string requestId, string csrPem, string? thingName, CancellationToken cancellationToken = default);

    /// <summary>Issues a claim certificate with a key generated here (for factory provisioning); the key is in the result.</summary>
    Task<CertificateIssueResult> IssueClaimCertificateAsync(string requestId, string claimName, CancellationToken cancellationToken = default);

    /// <summary>Signs a CRL listing exactly <paramref name="revoked"/> and writes it to the broker's CRL file.</summary>
    Task<PublishedCrl> PublishCrlAsync(IReadOnlyCollection<RevokedCertificateEntry> revoked, CancellationToken cancellationToken = default);
}
