namespace Twins.Grains.Interfaces.Certificates;

/// <summary>The outcome of a change asked of a certificate grain.</summary>
/// <param name="Certificate">The certificate after the call; null if the grain holds no certificate.</param>
/// <param name="Changed">Whether the call changed anything (false for a repeat).</param>
/// <param name="ErrorCode">A precise error code when the change was refused, else null.</param>
/// <param name="ErrorMessage">The refusal in words, else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CertificateChangeResult")]
public sealed record CertificateChangeResult([Id(0)] CertificateInfo? Certificate, [Id(1)] bool Changed, [Id(2)] string? ErrorCode, [Id(3)] string? ErrorMessage)
{
    /// <summary>Whether the change was accepted (or was already in effect).</summary>
    public bool Succeeded => ErrorCode is null;
}
