namespace Twins.Grains.Interfaces.Certificates;

/// <summary>The certificates of one vehicle.</summary>
/// <param name="ThingName">The vehicle.</param>
/// <param name="ActiveCertificateId">The current certificate, if provisioned.</param>
/// <param name="PendingRevocation">Earlier certificates revoked once the vehicle connects with the current one.</param>
/// <param name="CertificateIds">Every certificate the vehicle has owned, oldest first.</param>
/// <param name="ProvisionedAt">When the vehicle was last provisioned.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.VehicleCertificatesInfo")]
public sealed record VehicleCertificatesInfo(
    [Id(0)] string ThingName,
    [Id(1)] string? ActiveCertificateId,
    [Id(2)] IReadOnlyList<string> PendingRevocation,
    [Id(3)] IReadOnlyList<string> CertificateIds,
    [Id(4)] DateTimeOffset? ProvisionedAt);
