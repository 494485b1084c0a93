namespace Twins.Grains.Interfaces.Certificates;

/// <summary>What a certificate grain knows about its certificate (the view the API and the gateway read).</summary>
public sealed record CertificateInfo
{
    /// <summary>The certificate id: the SHA-256 fingerprint of its DER encoding, lower-case hex.</summary>
    public required string CertificateId { get; init; }

    /// <summary>The serial number in hex (what the CRL lists).</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The subject's common name (the thing name for operational certificates).</summary>
    public required string CommonName { get; init; }

    /// <summary>The owner vehicle once provisioned, else null.</summary>
    public string? ThingName { get; init; }

    /// <summary><c>PENDING_ACTIVATION</c>, <c>ACTIVE</c>, <c>INACTIVE</c> or <c>REVOKED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the certificate reached its status (deactivation, revocation), if any.</summary>
    public string? StatusReason { get; init; }

    /// <summary>When the certificate was issued and registered.</summary>
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

    /// <summary>When the ownership token expires (an unused pending certificate is deleted then).</summary>
    public DateTimeOffset? OwnershipTokenExpiresAt { get; init; }

    /// <summary>Whether a vehicle has connected with this certificate.</summary>
    public bool HasConnectedOnce { get; init; }

    /// <summary>When a vehicle first connected with this certificate.</summary>
    public DateTimeOffset? FirstConnectedAt { get; init; }

    /// <summary>When the vehicle still connected with this certificate was asked to disconnect after its revocation.</summary>
    public DateTimeOffset? DisconnectRequestedAt { get; init; }

    /// <summary>When that connection was seen to have ended (the vehicle disconnected, or the takeover closed it).</summary>
    public DateTimeOffset? ConnectionEndedAt { get; init; }

    /// <summary>Whether the gateway had to end that connection by a broker-side session takeover (the vehicle did not disconnect in time).</summary>
    public bool ConnectionTakenOver { get; init; }
}
