using Orleans.Concurrency;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// One X.509 certificate (key: its certificate id, the SHA-256 fingerprint in lower-case hex) and its
/// lifecycle PENDING_ACTIVATION → ACTIVE → INACTIVE → REVOKED. A pending certificate whose ownership
/// token expires unused is deleted by a reminder.
/// </summary>
[Alias("Twins.ICertificateGrain")]
public interface ICertificateGrain : IGrainWithStringKey
{
    /// <summary>The certificate, or null if this grain holds none (never issued, or deleted unused).</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<CertificateInfo?> GetAsync();

    /// <summary>Registers a freshly issued certificate as PENDING_ACTIVATION (a repeat changes nothing).</summary>
    [Alias("RegisterAsync")]
    Task<CertificateInfo> RegisterAsync(CertificateRegistration registration);

    /// <summary>Consumes the ownership token and activates the certificate for <paramref name="thingName"/>.</summary>
    /// <param name="ownershipTokenHash">SHA-256 hex of the presented token.</param>
    /// <param name="thingName">The vehicle being provisioned.</param>
    [Alias("ClaimAsync")]
    Task<CertificateChangeResult> ClaimAsync(string ownershipTokenHash, string thingName);

    /// <summary>Activates the certificate for its owner (rotation: once delivered).</summary>
    [Alias("ActivateAsync")]
    Task<CertificateChangeResult> ActivateAsync(string thingName);

    /// <summary>Deactivates the certificate (INACTIVE): the vehicle should stop using it; it is still trusted by the broker until revoked.</summary>
    [Alias("DeactivateAsync")]
    Task<CertificateChangeResult> DeactivateAsync(string reason);

    /// <summary>Revokes the certificate: it enters the CRL and the broker is told to reload it.</summary>
    [Alias("RevokeAsync")]
    Task<CertificateChangeResult> RevokeAsync(string reason);

    /// <summary>
    /// An applied lifecycle event whose <c>principalIdentifier</c> is this certificate (the payload of
    /// <c>$aws/events/presence/...</c>): tracks the client ids it is connected under and the recent
    /// DUPLICATE_CLIENTID disconnects, and returns a security finding (the certificate connected under two
    /// client ids at once, or a DUPLICATE_CLIENTID storm) for its owner, else <c>null</c>.
    /// </summary>
    [Alias("ObserveLifecycleEventAsync")]
    Task<SecurityFinding?> ObserveLifecycleEventAsync([Immutable] byte[] payload);

    /// <summary>Records that a vehicle connected with this certificate (sets <c>hasConnectedOnce</c>).</summary>
    [Alias("RecordConnectionAsync")]
    Task<CertificateChangeResult> RecordConnectionAsync();
}
