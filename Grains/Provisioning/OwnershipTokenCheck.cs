namespace Twins.Grains.Provisioning;

/// <summary>The result of <see cref="OwnershipTokenService.Verify"/>.</summary>
/// <param name="CertificateId">The certificate the token names (also set for an expired token).</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Hash">The token's hash, to check and record single use.</param>
/// <param name="Error">Why the token is refused, or <c>null</c>.</param>
public sealed record OwnershipTokenCheck(string? CertificateId, DateTimeOffset? ExpiresAt, string? Hash, ProvisioningError? Error)
{
    /// <summary>True when the token is authentic and unexpired.</summary>
    public bool IsValid => Error is null;

    internal static OwnershipTokenCheck Fail(ProvisioningError error) => new(null, null, null, error);
}
