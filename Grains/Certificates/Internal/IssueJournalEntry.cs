namespace Twins.Grains.Certificates;

/// <summary>What was issued for one request id, kept so a repeated request returns the same certificate.</summary>
/// <param name="RequestId">The caller's request id.</param>
/// <param name="RequestFingerprint">SHA-256 over what was asked (CSR public key and name), to refuse a different request under the same id.</param>
/// <param name="Certificate">What was issued.</param>
internal sealed record IssueJournalEntry(string RequestId, string RequestFingerprint, IssuedCertificate Certificate);
