using System.Security.Cryptography.X509Certificates;

namespace Twins.Grains.Certificates;

/// <summary>One entry of the CRL.</summary>
/// <param name="SerialNumber">The revoked certificate's serial number in hex.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">The CRL reason code, if any.</param>
public sealed record RevokedCertificateEntry(string SerialNumber, DateTimeOffset RevokedAt, X509RevocationReason? Reason);
