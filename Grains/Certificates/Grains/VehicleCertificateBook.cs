using System.Collections.Immutable;
using Twins.Grains.Provisioning;
using Twins.Grains.Rotation;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The persisted state of a vehicle's certificates: the re-provisioning policy's state and every certificate owned.</summary>
/// <param name="Policy">Current certificate and those waiting for revocation.</param>
/// <param name="History">Every certificate id the vehicle has owned, oldest first.</param>
/// <param name="Rotation">The rotation in progress, or the last finished.</param>
public sealed record VehicleCertificateBook(VehicleCertificates Policy, ImmutableList<string> History, RotationWorkflow? Rotation = null)
{
    /// <summary>A vehicle never provisioned.</summary>
    public static VehicleCertificateBook Empty { get; } = new(VehicleCertificates.None, []);
}
