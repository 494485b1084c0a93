namespace Twins.Grains.Provisioning;

/// <summary>A certificate ownership token as issued with a new certificate.</summary>
/// <param name="Token">The opaque token given to the vehicle.</param>
/// <param name="CertificateId">The certificate it proves ownership of.</param>
/// <param name="ExpiresAt">One hour after issue.</param>
/// <param name="Hash">SHA-256 of the token in hex: what the certificate's state keeps to enforce single use.</param>
public sealed record OwnershipToken(string Token, string CertificateId, DateTimeOffset ExpiresAt, string Hash);
