namespace Twins.Grains.Interfaces.Certificates;

/// <summary>The outcome of a change asked of a certificate grain.</summary>
/// <param name="Certificate">The certificate after the call; null if the grain holds no certificate.</param>
/// <param name="Changed">Whether the call changed anything (false for a repeat).</param>
/// <param name="ErrorCode">A precise error code when the change was refused, else null.</param>
/// <param name="ErrorMessage">The refusal in words, else null.</param>
public sealed record CertificateChangeResult(CertificateInfo? Certificate, bool Changed, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>Whether the change was accepted (or was already in effect).</summary>
    public bool Succeeded => ErrorCode is null;
}
