namespace Twins.Grains.Certificates;

/// <summary>A certificate the authority issued.</summary>
/// <param name="CertificateId">The SHA-256 fingerprint of the DER certificate in lower-case hex (AWS IoT's certificateId; the CertificateGrain's key).</param>
/// <param name="SerialNumber">The serial number in upper-case hex, as a CRL lists it.</param>
/// <param name="CommonName">The subject's CN: the thing name (or the claim name).</param>
/// <param name="CertificatePem">The certificate in PEM.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="PrivateKeyPem">The private key (PKCS#8 PEM) when the authority generated it (claim certificates); <c>null</c> for CSRs.</param>
public sealed record IssuedCertificate(
    string CertificateId,
    string SerialNumber,
    string CommonName,
    string CertificatePem,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? PrivateKeyPem);
