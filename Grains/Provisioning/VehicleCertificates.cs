using System.Collections.Immutable;

namespace Twins.Grains.Provisioning;

/// <summary>A vehicle's certificates as its VehicleGrain keeps them.</summary>
/// <param name="ActiveCertificateId">The certificate the vehicle should use now.</param>
/// <param name="PendingRevocation">Earlier certificates, deactivated, to revoke once the vehicle connected with the active one.</param>
/// <param name="ProvisionedAt">When the vehicle was last provisioned.</param>
public sealed record VehicleCertificates(string? ActiveCertificateId, ImmutableList<string> PendingRevocation, DateTimeOffset? ProvisionedAt)
{
    /// <summary>A vehicle never provisioned.</summary>
    public static VehicleCertificates None { get; } = new(null, [], null);
}
