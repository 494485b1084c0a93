namespace Twins.Grains.Rotation;

/// <summary>The steps of the contract's rotation workflow.</summary>
public enum RotationStep
{
    /// <summary>1. The <c>rotate-certificate</c> command is sent; waiting for the vehicle's new CSR.</summary>
    RequestingCsr,

    /// <summary>2a. Issuing the new certificate from the CSR (idempotent per rotation).</summary>
    Issuing,

    /// <summary>2b. Sending the new certificate to the vehicle (PENDING_ACTIVATION until delivered).</summary>
    Delivering,

    /// <summary>3. Waiting for a connected event whose principalIdentifier is the new certificate.</summary>
    AwaitingReconnect,

    /// <summary>4. Revoking the old certificate (CRL republished, broker reloads).</summary>
    Revoking,

    /// <summary>Done: the vehicle uses the new certificate, the old one is revoked.</summary>
    Completed,

    /// <summary>Gave up with a reason; the old certificate keeps working.</summary>
    Failed,
}
