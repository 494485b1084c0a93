using Orleans.Concurrency;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// The certificates of one vehicle (key: thing name): which one is current, which earlier ones wait to be
/// revoked until the vehicle has connected with the current one, and the list by owner.
/// </summary>
[Alias("Twins.IVehicleCertificatesGrain")]
public interface IVehicleCertificatesGrain : IGrainWithStringKey
{
    /// <summary>The vehicle's certificates.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<VehicleCertificatesInfo> GetAsync();

    /// <summary>Every certificate this vehicle has owned, newest first.</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<CertificateInfo>> ListAsync();

    /// <summary>Makes <paramref name="certificateId"/> the current certificate and deactivates the earlier ones; returns those deactivated.</summary>
    [Alias("OnProvisionedAsync")]
    Task<IReadOnlyList<string>> OnProvisionedAsync(string certificateId);

    /// <summary>The vehicle connected presenting <paramref name="principalIdentifier"/>: records the connection and revokes the earlier certificates once it is the current one; returns those revoked.</summary>
    [Alias("OnConnectedAsync")]
    Task<IReadOnlyList<string>> OnConnectedAsync(string? principalIdentifier);

    /// <summary>The rotation in progress, or the last one finished; null if the vehicle never rotated.</summary>
    [ReadOnly]
    [Alias("GetRotationAsync")]
    Task<RotationInfo?> GetRotationAsync();

    /// <summary>Starts a rotation on request (no-op while one is in progress); null if the vehicle has no certificate.</summary>
    [Alias("RotateAsync")]
    Task<RotationInfo?> RotateAsync(string? reason);

    /// <summary>Starts a rotation because of a security finding (e.g. the certificate seen on two client ids at once).</summary>
    [Alias("ReportSecurityFindingAsync")]
    Task<RotationInfo?> ReportSecurityFindingAsync(string finding);

    /// <summary>A command execution of this vehicle changed (the gateway tells after a response): advances a rotation waiting for it.</summary>
    [Alias("OnCommandUpdatedAsync")]
    Task OnCommandUpdatedAsync(string executionId);
}
