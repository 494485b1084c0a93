using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// The key this silo checks token signatures with when no OIDC authority is configured: the RS256 public key
/// (<c>PublicKeyFile</c>) or the HS256 key (<c>SigningKey</c>, <c>SigningKeyFile</c>, else the development key in
/// the data directory, created on first use).
/// </summary>
internal sealed class ApiSigningKey
{
    private readonly Lazy<SecurityKey?> _key;

    public ApiSigningKey(IOptions<ApiAuthenticationOptions> options, ApiKeyLocation location)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _key = new Lazy<SecurityKey?>(() => Load(value, location));
    }

    /// <summary>The key, or <c>null</c> when an authority's JWKS supplies the keys.</summary>
    public SecurityKey? Key => _key.Value;

    /// <summary>The only algorithms accepted with this key source: never a symmetric one when the keys are public.</summary>
    public static IReadOnlyList<string> AlgorithmsFor(ApiAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesSymmetricKey
            ? [SecurityAlgorithms.HmacSha256]
            : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
               SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
               SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512];
    }

    private static SecurityKey? Load(ApiAuthenticationOptions options, ApiKeyLocation location)
    {
        if (options.PublicKeyFile is { Length: > 0 } pem)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(pem));
            return new RsaSecurityKey(rsa);
        }

        if (!options.UsesSymmetricKey)
        {
            return null;
        }

        var key = options.SigningKey is { Length: > 0 } configured
            ? configured
            : options.SigningKeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : location.ReadOrCreateDevelopmentKey();
        return new SymmetricSecurityKey(Convert.FromBase64String(key));
    }
}
