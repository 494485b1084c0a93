namespace Twins.Grains.Rotation;

/// <summary>Why a rotation started.</summary>
public enum RotationTrigger
{
    /// <summary>The certificate entered its rotation window (30 days before expiry by default).</summary>
    ExpiryWindow,

    /// <summary>An operator or app asked for it.</summary>
    Explicit,

    /// <summary>A security finding (certificate on two client ids, DUPLICATE_CLIENTID storm, ...).</summary>
    SecurityFinding,
}
