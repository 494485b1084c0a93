namespace Twins.Grains.Certificates;

/// <summary>A certificate's lifecycle as its CertificateGrain (key: <see cref="CertificateId"/>) persists it.</summary>
public sealed record CertificateRecord
{
    /// <summary>SHA-256 fingerprint in lower-case hex.</summary>
    public required string CertificateId { get; init; }

    /// <summary>Serial number in hex (what the CRL lists).</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The CN the certificate was issued for.</summary>
    public required string CommonName { get; init; }

    /// <summary>The owner vehicle once registered (provisioning or rotation), else <c>null</c>.</summary>
    public string? ThingName { get; init; }

    /// <summary>The current status.</summary>
    public required CertificateStatus Status { get; init; }

    /// <summary>Why the status last changed (e.g. <c>re-provisioned</c>, <c>rotated</c>, <c>key compromise</c>).</summary>
    public string? StatusReason { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it became ACTIVE.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>When it became INACTIVE.</summary>
    public DateTimeOffset? DeactivatedAt { get; init; }

    /// <summary>When it was REVOKED.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Start of validity.</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The hash of the ownership token issued with it (provisioning by claim).</summary>
    public string? OwnershipTokenHash { get; init; }

    /// <summary>When that token expires; an unused PENDING_ACTIVATION certificate is deleted then.</summary>
    public DateTimeOffset? OwnershipTokenExpiresAt { get; init; }

    /// <summary>When the token was used (it cannot be used again).</summary>
    public DateTimeOffset? OwnershipTokenUsedAt { get; init; }

    /// <summary>AWS IoT's <c>hasConnectedOnce</c>: the vehicle connected with this certificate at least once.</summary>
    public bool HasConnectedOnce { get; init; }

    /// <summary>When it first did.</summary>
    public DateTimeOffset? FirstConnectedAt { get; init; }

    /// <summary>When the vehicle, still connected with this certificate after its revocation, was asked to disconnect.</summary>
    public DateTimeOffset? DisconnectRequestedAt { get; init; }

    /// <summary>When that connection was seen to have ended (the vehicle disconnected, or the takeover closed it).</summary>
    public DateTimeOffset? ConnectionEndedAt { get; init; }

    /// <summary>Whether the gateway had to end that connection by a broker-side session takeover (the vehicle did not disconnect in time).</summary>
    public bool ConnectionTakenOver { get; init; }

    /// <summary>Where the certificate is in use (open sessions by client id, recent DUPLICATE_CLIENTID disconnects), for security findings.</summary>
    public Rotation.CertificateSightings? Sightings { get; init; }
}
