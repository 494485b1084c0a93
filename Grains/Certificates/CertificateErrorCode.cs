namespace Twins.Grains.Certificates;

/// <summary>Why the certificate authority refused a request; each maps to a precise provisioning <c>errorCode</c>.</summary>
public enum CertificateErrorCode
{
    /// <summary>The CSR is not a PEM-encoded PKCS#10 request.</summary>
    MalformedCsr,

    /// <summary>The CSR's signature does not verify with its own public key.</summary>
    InvalidCsrSignature,

    /// <summary>The key is not ECDSA P-256/P-384 or RSA of at least 2048 bits.</summary>
    WeakKey,

    /// <summary>The CSR asks for a common name other than the vehicle's thing name.</summary>
    CsrSubjectMismatch,

    /// <summary>No valid thing name: the CSR has no usable common name and none was given.</summary>
    InvalidThingName,

    /// <summary>The request id was already used for a different request.</summary>
    RequestIdConflict,
}
