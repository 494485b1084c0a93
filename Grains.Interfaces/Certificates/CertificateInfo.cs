namespace Twins.Grains.Interfaces.Certificates;

/// <summary>What a certificate grain knows about its certificate (the view the API and the gateway read).</summary>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CertificateInfo")]
public sealed record CertificateInfo
{
    /// <summary>The certificate id: the SHA-256 fingerprint of its DER encoding, lower-case hex.</summary>
    [Id(0)]
    public required string CertificateId { get; init; }

    /// <summary>The serial number in hex (what the CRL lists).</summary>
    [Id(1)]
    public required string SerialNumber { get; init; }

    /// <summary>The subject's common name (the thing name for operational certificates).</summary>
    [Id(2)]
    public required string CommonName { get; init; }

    /// <summary>The owner vehicle once provisioned, else null.</summary>
    [Id(3)]
    public string? ThingName { get; init; }

    /// <summary><c>PENDING_ACTIVATION</c>, <c>ACTIVE</c>, <c>INACTIVE</c> or <c>REVOKED</c>.</summary>
    [Id(4)]
    public required string Status { get; init; }

    /// <summary>Why the certificate reached its status (deactivation, revocation), if any.</summary>
    [Id(5)]
    public string? StatusReason { get; init; }

    /// <summary>When the certificate was issued and registered.</summary>
    [Id(6)]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it became ACTIVE.</summary>
    [Id(7)]
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>When it became INACTIVE.</summary>
    [Id(8)]
    public DateTimeOffset? DeactivatedAt { get; init; }

    /// <summary>When it was REVOKED.</summary>
    [Id(9)]
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Start of validity.</summary>
    [Id(10)]
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    [Id(11)]
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>When the ownership token expires (an unused pending certificate is deleted then).</summary>
    [Id(12)]
    public DateTimeOffset? OwnershipTokenExpiresAt { get; init; }

    /// <summary>Whether a vehicle has connected with this certificate.</summary>
    [Id(13)]
    public bool HasConnectedOnce { get; init; }

    /// <summary>When a vehicle first connected with this certificate.</summary>
    [Id(14)]
    public DateTimeOffset? FirstConnectedAt { get; init; }

    /// <summary>When the vehicle still connected with this certificate was asked to disconnect after its revocation.</summary>
    [Id(15)]
    public DateTimeOffset? DisconnectRequestedAt { get; init; }

    /// <summary>When that connection was seen to have ended (the vehicle disconnected, or the takeover closed it).</summary>
    [Id(16)]
    public DateTimeOffset? ConnectionEndedAt { get; init; }

    /// <summary>Whether the gateway had to end that connection by a broker-side session takeover (the vehicle did not disconnect in time).</summary>
    [Id(17)]
    public bool ConnectionTakenOver { get; init; }
}
