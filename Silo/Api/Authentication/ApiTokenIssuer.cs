using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Api.Authentication;

/// <summary>Issues HS256 development tokens (<c>./twins token</c>, tests, benchmarks) with the key the silo validates them with.</summary>
internal sealed class ApiTokenIssuer(IOptions<ApiAuthenticationOptions> options, ApiSigningKey signingKey, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string IssueToken(string subject, string role, IReadOnlyCollection<string>? vehicles, TimeSpan lifetime)
    {
        if (signingKey.Key is not SymmetricSecurityKey key)
        {
            throw new InvalidOperationException("Tokens can only be issued with a symmetric (HS256) key; with an OIDC authority or a public key, the provider issues them.");
        }

        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [FleetCaller.RoleClaim] = role };
        if (vehicles is not null)
        {
            claims[FleetCaller.VehiclesClaim] = vehicles.ToArray();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.EffectiveIssuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
