namespace Twins.Grains.Interfaces.Certificates;

/// <summary>A freshly issued certificate to register with its grain (as PENDING_ACTIVATION).</summary>
/// <param name="SerialNumber">Serial number, hex.</param>
/// <param name="CommonName">Subject common name.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="OwnershipTokenHash">SHA-256 hex of the ownership token handed to the requester, if any.</param>
/// <param name="OwnershipTokenExpiresAt">When that token expires.</param>
/// <param name="ThingName">The owner when already known (rotation), else null until provisioning.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CertificateRegistration")]
public sealed record CertificateRegistration(
    [Id(0)] string SerialNumber,
    [Id(1)] string CommonName,
    [Id(2)] DateTimeOffset NotBefore,
    [Id(3)] DateTimeOffset NotAfter,
    [Id(4)] string? OwnershipTokenHash,
    [Id(5)] DateTimeOffset? OwnershipTokenExpiresAt,
    [Id(6)] string? ThingName);
