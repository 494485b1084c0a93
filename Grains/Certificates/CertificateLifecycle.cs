using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates;

/// <summary>
/// The status machine of one certificate: PENDING_ACTIVATION → ACTIVE → INACTIVE → REVOKED (an
/// INACTIVE certificate may be re-activated; anything but REVOKED may be revoked; REVOKED is final).
/// Repeating an operation that already happened changes nothing.
/// </summary>
public static class CertificateLifecycle
{
    /// <summary>A new certificate, PENDING_ACTIVATION, with the ownership token issued alongside it (if any).</summary>
    public static CertificateRecord Create(IssuedCertificate issued, OwnershipToken? token, string? thingName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new CertificateRecord
        {
            CertificateId = issued.CertificateId,
            SerialNumber = issued.SerialNumber,
            CommonName = issued.CommonName,
            ThingName = thingName,
            Status = CertificateStatus.PendingActivation,
            CreatedAt = now,
            NotBefore = issued.NotBefore,
            NotAfter = issued.NotAfter,
            OwnershipTokenHash = token?.Hash,
            OwnershipTokenExpiresAt = token?.ExpiresAt,
        };
    }

    /// <summary>
    /// Uses the ownership token (provision): it must be this certificate's, unexpired and unused, and
    /// the certificate pending activation. Marks the token used and registers the owner. The same request
    /// again (a broker redelivery after the gateway crashed before its ack, or the device's retry) is
    /// answered like the first, as AWS IoT does: a token already used for <paramref name="thingName"/>,
    /// before it expires and while the certificate is still that thing's ACTIVE one, succeeds unchanged;
    /// used for another thing, expired, or on a certificate since deactivated or revoked, it is refused.
    /// </summary>
    public static CertificateTransition ConsumeOwnershipToken(CertificateRecord record, string tokenHash, string thingName, DateTimeOffset now, out ProvisioningError? error)
    {
        ArgumentNullException.ThrowIfNull(record);
        error = null;
        if (record.OwnershipTokenHash is null || !string.Equals(record.OwnershipTokenHash, tokenHash, StringComparison.Ordinal))
        {
            error = ProvisioningError.InvalidToken("The certificate ownership token does not belong to this certificate.");
        }
        else if (record.OwnershipTokenUsedAt is not null)
        {
            if (record.Status == CertificateStatus.Active
                && string.Equals(record.ThingName, thingName, StringComparison.Ordinal)
                && (record.OwnershipTokenExpiresAt is not { } usedTokenExpires || now < usedTokenExpires))
            {
                return CertificateTransition.Unchanged(record);
            }

            error = ProvisioningError.TokenReused;
        }
        else if (record.OwnershipTokenExpiresAt is { } expires && now >= expires)
        {
            error = ProvisioningError.TokenExpired;
        }
        else if (record.Status != CertificateStatus.PendingActivation)
        {
            error = ProvisioningError.CertificateNotPending;
        }

        return error is not null
            ? CertificateTransition.Refused(record, error.ErrorMessage)
            : CertificateTransition.To(record with { OwnershipTokenUsedAt = now, ThingName = thingName });
    }

    /// <summary>PENDING_ACTIVATION or INACTIVE → ACTIVE for <paramref name="thingName"/>.</summary>
    public static CertificateTransition Activate(CertificateRecord record, string thingName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ThingName is not null && !string.Equals(record.ThingName, thingName, StringComparison.Ordinal))
        {
            return CertificateTransition.Refused(record, $"The certificate belongs to '{record.ThingName}', not '{thingName}'.");
        }

        return record.Status switch
        {
            CertificateStatus.Active => CertificateTransition.Unchanged(record),
            CertificateStatus.Revoked => CertificateTransition.Refused(record, "A revoked certificate cannot be activated."),
            _ when now > record.NotAfter => CertificateTransition.Refused(record, "An expired certificate cannot be activated."),
            _ => CertificateTransition.To(record with { Status = CertificateStatus.Active, ThingName = thingName, ActivatedAt = now, StatusReason = null }),
        };
    }

    /// <summary>ACTIVE or PENDING_ACTIVATION → INACTIVE (replaced; revoked later once the vehicle uses its successor).</summary>
    public static CertificateTransition Deactivate(CertificateRecord record, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status switch
        {
            CertificateStatus.Inactive => CertificateTransition.Unchanged(record),
            CertificateStatus.Revoked => CertificateTransition.Refused(record, "A revoked certificate cannot be deactivated."),
            _ => CertificateTransition.To(record with { Status = CertificateStatus.Inactive, DeactivatedAt = now, StatusReason = reason }),
        };
    }

    /// <summary>Any status → REVOKED (final); the caller then republishes the CRL.</summary>
    public static CertificateTransition Revoke(CertificateRecord record, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == CertificateStatus.Revoked
            ? CertificateTransition.Unchanged(record)
            : CertificateTransition.To(record with { Status = CertificateStatus.Revoked, RevokedAt = now, StatusReason = reason });
    }

    /// <summary>Records a connection made with this certificate (<c>hasConnectedOnce</c>).</summary>
    public static CertificateTransition RecordConnection(CertificateRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.HasConnectedOnce
            ? CertificateTransition.Unchanged(record)
            : CertificateTransition.To(record with { HasConnectedOnce = true, FirstConnectedAt = now });
    }

    /// <summary>True for a PENDING_ACTIVATION certificate whose ownership token expired unused: delete it.</summary>
    public static bool IsAbandoned(CertificateRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { Status: CertificateStatus.PendingActivation, OwnershipTokenUsedAt: null, OwnershipTokenExpiresAt: { } expires } && now >= expires;
    }

    /// <summary>True when an ACTIVE certificate has entered its rotation window (30 days before expiry by default).</summary>
    public static bool IsDueForRotation(CertificateRecord record, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Status == CertificateStatus.Active && now >= record.NotAfter - window;
    }
}
