namespace Twins.Grains.Provisioning;

/// <summary>What to do with a <c>provision</c> request.</summary>
/// <param name="ThingName">The vehicle to register (when accepted).</param>
/// <param name="CertificateId">The certificate to activate for it (when accepted).</param>
/// <param name="TokenHash">The token's hash, for the certificate's single-use check.</param>
/// <param name="Error">Why it is rejected, or <c>null</c>.</param>
public sealed record ProvisioningDecision(string? ThingName, string? CertificateId, string? TokenHash, ProvisioningError? Error)
{
    /// <summary>True when the request passes the stateless rules (the certificate's state still checks single use).</summary>
    public bool IsAccepted => Error is null;

    internal static ProvisioningDecision Reject(ProvisioningError error) => new(null, null, null, error);
}
