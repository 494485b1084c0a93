using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Twins.Grains.Certificates;

namespace Twins.Grains.Provisioning;

/// <summary>
/// Issues and verifies certificate ownership tokens: <c>base64url(version ‖ expiry ‖ nonce ‖ certificateId)</c>
/// <c>.</c> <c>base64url(HMAC-SHA256)</c>. A token names its certificate, so the gateway can route it
/// to that CertificateGrain, which enforces single use by remembering the token's hash. Tokens expire
/// one hour after issue.
/// </summary>
public sealed class OwnershipTokenService
{
    /// <summary>AWS IoT's ownership token lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const byte FormatVersion = 1;
    private const int NonceSize = 16;
    private static readonly byte[] NonceLabel = "twins-ownership-token-nonce"u8.ToArray();
    private readonly byte[] _key;

    /// <summary>Creates the service with a secret HMAC key of at least 32 bytes.</summary>
    public OwnershipTokenService(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The ownership token key must be at least 32 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Loads the key from <paramref name="path"/>, creating a random one (owner-only) on first use.</summary>
    public static async Task<OwnershipTokenService> LoadOrCreateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                await OwnerOnlyFiles.WriteAsync(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return new OwnershipTokenService(Convert.FromBase64String((await File.ReadAllTextAsync(path, cancellationToken)).Trim()));
    }

    /// <summary>Issues a token for <paramref name="certificateId"/> valid for one hour from <paramref name="now"/>.</summary>
    public OwnershipToken Issue(string certificateId, DateTimeOffset now) => IssueExpiringAt(certificateId, now + Lifetime);

    /// <summary>
    /// The token for <paramref name="certificateId"/> that expires at <paramref name="expiresAt"/> (to the
    /// millisecond). The nonce is derived from the secret key, the certificate and the expiry, so asking again
    /// gives the same token: a redelivered create-from-csr is answered with the token its certificate was
    /// registered with, while nobody without the key can predict one.
    /// </summary>
    public OwnershipToken IssueExpiringAt(string certificateId, DateTimeOffset expiresAt)
    {
        if (!CertificateIds.IsValid(certificateId))
        {
            throw new ArgumentException("Not a certificate id.", nameof(certificateId));
        }

        var expiresMs = expiresAt.ToUnixTimeMilliseconds();
        var id = Convert.FromHexString(certificateId);
        var body = new byte[1 + 8 + NonceSize + id.Length];
        body[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(1), expiresMs);
        id.CopyTo(body, 9 + NonceSize);
        Span<byte> nonceInput = stackalloc byte[NonceLabel.Length + 8 + 32];
        NonceLabel.CopyTo(nonceInput);
        BinaryPrimitives.WriteInt64BigEndian(nonceInput[NonceLabel.Length..], expiresMs);
        id.CopyTo(nonceInput[(NonceLabel.Length + 8)..]);
        HMACSHA256.HashData(_key, nonceInput)[..NonceSize].CopyTo(body.AsSpan(9, NonceSize));
        var token = Base64Url(body) + "." + Base64Url(HMACSHA256.HashData(_key, body));
        return new OwnershipToken(token, certificateId, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs), HashOf(token));
    }

    /// <summary>Checks a token's integrity and expiry; single use is the certificate's state's job (see <see cref="OwnershipToken.Hash"/>).</summary>
    public OwnershipTokenCheck Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return OwnershipTokenCheck.Fail(ProvisioningError.InvalidToken("The certificate ownership token is missing or malformed."));
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        byte[] body, mac;
        try
        {
            if (dot <= 0)
            {
                throw new FormatException();
            }

            body = FromBase64Url(token[..dot]);
            mac = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return OwnershipTokenCheck.Fail(ProvisioningError.InvalidToken("The certificate ownership token is malformed."));
        }

        if (body.Length != 1 + 8 + NonceSize + 32 || body[0] != FormatVersion
            || !CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, body)))
        {
            return OwnershipTokenCheck.Fail(ProvisioningError.InvalidToken("The certificate ownership token was not issued by Twins."));
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(1)));
        var certificateId = Convert.ToHexStringLower(body.AsSpan(9 + NonceSize));
        if (now >= expiresAt)
        {
            return OwnershipTokenCheck.Fail(ProvisioningError.TokenExpired) with { CertificateId = certificateId };
        }

        return new OwnershipTokenCheck(certificateId, expiresAt, HashOf(token), null);
    }

    /// <summary>SHA-256 of a token in hex.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
