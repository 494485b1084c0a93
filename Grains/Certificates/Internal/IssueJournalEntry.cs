namespace Twins.Grains.Certificates;

/// <summary>What was issued for one request id, kept so a repeated request returns the same certificate.</summary>
/// <param name="RequestFingerprint">SHA-256 over what was asked (CSR public key and name), to refuse a different request under the same id.</param>
/// <param name="CertificatePem">The certificate issued.</param>
/// <param name="PrivateKeyPem">The key, for claim certificates generated here.</param>
internal sealed record IssueJournalEntry(string RequestFingerprint, string CertificatePem, string? PrivateKeyPem);
