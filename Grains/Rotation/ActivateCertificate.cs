namespace Twins.Grains.Rotation;

/// <summary>Move the new certificate to ACTIVE (it was delivered).</summary>
/// <param name="CertificateId">The new certificate.</param>
/// <param name="ThingName">Its owner.</param>
public sealed record ActivateCertificate(string CertificateId, string ThingName) : RotationAction;
