namespace Twins.Grains.Interfaces.Certificates;

/// <summary>A sign that a certificate is misused (copied, or two devices fighting over one identity); it triggers a rotation of its owner's certificate.</summary>
/// <param name="CertificateId">The certificate concerned.</param>
/// <param name="ThingName">Its owner vehicle, whose certificate is rotated.</param>
/// <param name="Description">What was seen, e.g. the client ids it is connected under at once.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.SecurityFinding")]
public sealed record SecurityFinding([Id(0)] string CertificateId, [Id(1)] string ThingName, [Id(2)] string Description);
