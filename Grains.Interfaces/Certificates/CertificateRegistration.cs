namespace Twins.Grains.Interfaces.Certificates;

/// <summary>A freshly issued certificate to register with its grain (as PENDING_ACTIVATION).</summary>
/// <param name="SerialNumber">Serial number, hex.</param>
/// <param name="CommonName">Subject common name.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="OwnershipTokenHash">SHA-256 hex of the ownership token handed to the requester, if any.</param>
/// <param name="OwnershipTokenExpiresAt">When that token expires.</param>
/// <param name="ThingName">The owner when already known (rotation), else null until provisioning.</param>
public sealed record CertificateRegistration(
    string SerialNumber,
    string CommonName,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? OwnershipTokenHash,
    DateTimeOffset? OwnershipTokenExpiresAt,
    string? ThingName);
