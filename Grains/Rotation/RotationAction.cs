namespace Twins.Grains.Rotation;

/// <summary>Something the CertificateGrain must do for the rotation, after persisting the workflow.</summary>
public abstract record RotationAction;
