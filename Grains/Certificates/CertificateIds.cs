using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Grains.Certificates;

/// <summary>AWS IoT-style certificate ids.</summary>
public static class CertificateIds
{
    /// <summary>The SHA-256 fingerprint of the DER certificate in lower-case hex (64 characters).</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
    }

    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsValid(string? certificateId) =>
        certificateId is { Length: 64 } && certificateId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
