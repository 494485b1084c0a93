namespace Twins.Grains.Rotation;

/// <summary>Ask the CA for the new certificate, then call <see cref="RotationEngine.OnIssued"/>.</summary>
/// <param name="RequestId">Stable per rotation, so a retried issue returns the same certificate.</param>
/// <param name="CsrPem">The vehicle's CSR.</param>
/// <param name="ThingName">The subject forced on the certificate.</param>
public sealed record IssueCertificate(string RequestId, string CsrPem, string ThingName) : RotationAction;
