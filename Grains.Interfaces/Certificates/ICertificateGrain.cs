using Twins.Actors;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// One X.509 certificate (key: its certificate id, the SHA-256 fingerprint in lower-case hex) and its
/// lifecycle PENDING_ACTIVATION → ACTIVE → INACTIVE → REVOKED. A pending certificate whose ownership
/// token expires unused is deleted by a reminder.
/// </summary>
public interface ICertificateGrain : IGrainWithStringKey
{
    /// <summary>The certificate, or null if this grain holds none (never issued, or deleted unused).</summary>
    [ReadOnly]
    Task<CertificateInfo?> GetAsync();

    /// <summary>Registers a freshly issued certificate as PENDING_ACTIVATION (a repeat changes nothing).</summary>
    Task<CertificateInfo> RegisterAsync(CertificateRegistration registration);

    /// <summary>Consumes the ownership token and activates the certificate for <paramref name="thingName"/>.</summary>
    /// <param name="ownershipTokenHash">SHA-256 hex of the presented token.</param>
    /// <param name="thingName">The vehicle being provisioned.</param>
    Task<CertificateChangeResult> ClaimAsync(string ownershipTokenHash, string thingName);

    /// <summary>Activates the certificate for its owner (rotation: once delivered).</summary>
    Task<CertificateChangeResult> ActivateAsync(string thingName);

    /// <summary>Deactivates the certificate (INACTIVE): the vehicle should stop using it; it is still trusted by the broker until revoked.</summary>
    Task<CertificateChangeResult> DeactivateAsync(string reason);

    /// <summary>Revokes the certificate: it enters the CRL and the broker is told to reload it.</summary>
    Task<CertificateChangeResult> RevokeAsync(string reason);

    /// <summary>
    /// An applied lifecycle event whose <c>principalIdentifier</c> is this certificate (the payload of
    /// <c>$aws/events/presence/...</c>): tracks the client ids it is connected under and the recent
    /// DUPLICATE_CLIENTID disconnects, and returns a security finding (the certificate connected under two
    /// client ids at once, or a DUPLICATE_CLIENTID storm) for its owner, else <c>null</c>.
    /// </summary>
    Task<SecurityFinding?> ObserveLifecycleEventAsync(byte[] payload);

    /// <summary>Records that a vehicle connected with this certificate (sets <c>hasConnectedOnce</c>).</summary>
    Task<CertificateChangeResult> RecordConnectionAsync();
}
