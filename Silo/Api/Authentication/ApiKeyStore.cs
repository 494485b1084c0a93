using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>The configured service API keys (by SHA-256), compared in constant time.</summary>
internal sealed class ApiKeyStore(IOptions<ApiAuthenticationOptions> options)
{
    private readonly Lazy<(string Name, byte[] Hash, string Role)[]> _keys =
        new(() => [.. options.Value.ApiKeys.Select(k => (k.Name, Convert.FromHexString(k.Sha256), k.Role))]);

    public ClaimsPrincipal? Validate(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        foreach (var (name, expected, role) in _keys.Value)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                return new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", name), new Claim(FleetCaller.RoleClaim, role)], ApiAuthenticationSchemes.ApiKey, "sub", FleetCaller.RoleClaim));
            }
        }

        return null;
    }
}
