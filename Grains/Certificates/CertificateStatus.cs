namespace Twins.Grains.Certificates;

/// <summary>AWS IoT's certificate statuses: PENDING_ACTIVATION → ACTIVE → INACTIVE → REVOKED.</summary>
public enum CertificateStatus
{
    /// <summary>Issued, not yet registered to a vehicle (or not yet delivered in a rotation).</summary>
    PendingActivation,

    /// <summary>The vehicle's working certificate.</summary>
    Active,

    /// <summary>Replaced (re-provisioning, rotation) and waiting to be revoked; still accepted by the broker.</summary>
    Inactive,

    /// <summary>In the CRL; refused by the broker. Final.</summary>
    Revoked,
}
