namespace Twins.Grains.Certificates;

/// <summary>The result of a <see cref="CertificateLifecycle"/> operation.</summary>
/// <param name="Record">The record to persist (the same instance when nothing changed).</param>
/// <param name="Changed">True when the record must be written.</param>
/// <param name="Error">Why the operation was refused, or <c>null</c>.</param>
public sealed record CertificateTransition(CertificateRecord Record, bool Changed, string? Error)
{
    /// <summary>True unless refused.</summary>
    public bool Succeeded => Error is null;

    internal static CertificateTransition Unchanged(CertificateRecord record) => new(record, false, null);

    internal static CertificateTransition Refused(CertificateRecord record, string error) => new(record, false, error);

    internal static CertificateTransition To(CertificateRecord record) => new(record, true, null);
}
