namespace Twins.Grains.Rotation;

/// <summary>Revoke a certificate and republish the CRL (the broker reloads it); then call <see cref="RotationEngine.OnRevoked"/> for the old one.</summary>
/// <param name="CertificateId">The certificate to revoke.</param>
/// <param name="Reason">Why (recorded on the certificate).</param>
public sealed record RevokeCertificate(string CertificateId, string Reason) : RotationAction;
