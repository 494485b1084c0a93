using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Api.Authentication;

/// <summary>Checks bearer JWTs (HS256 or RS256; issuer, audience, lifetime against the injected clock) and API keys.</summary>
internal sealed class ApiTokenValidator
{
    public const string AuthenticationType = "Twins";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly (string Name, byte[] Hash, string Role)[] _apiKeys;
    private readonly SecurityKey _key;
    private readonly ApiAuthenticationOptions _options;
    private readonly TimeProvider _time;

    public ApiTokenValidator(IOptions<ApiAuthenticationOptions> options, TimeProvider time, ApiKeyLocation location)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        string algorithm;
        if (_options.PublicKeyFile is { Length: > 0 } pem)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(pem));
            _key = new RsaSecurityKey(rsa);
            algorithm = SecurityAlgorithms.RsaSha256;
        }
        else
        {
            var key = _options.SigningKey ?? (_options.SigningKeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : location.ReadOrCreateDevelopmentKey());
            _key = new SymmetricSecurityKey(Convert.FromBase64String(key));
            algorithm = SecurityAlgorithms.HmacSha256;
        }

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [algorithm],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = ValidateLifetime,
            NameClaimType = "sub",
            RoleClaimType = FleetCaller.RoleClaim,
        };
        _apiKeys = [.. _options.ApiKeys.Select(k => (k.Name, Convert.FromHexString(k.Sha256), k.Role))];
    }

    public async Task<ClaimsPrincipal?> ValidateBearerAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        return result.IsValid ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    public ClaimsPrincipal? ValidateApiKey(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        foreach (var (name, expected, role) in _apiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                return new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", name), new Claim(FleetCaller.RoleClaim, role)], AuthenticationType, "sub", FleetCaller.RoleClaim));
            }
        }

        return null;
    }

    /// <summary>An HS256 token for development and tests, signed with the configured symmetric key.</summary>
    public string IssueToken(string subject, string role, IReadOnlyCollection<string>? vehicles, TimeSpan lifetime)
    {
        if (_key is not SymmetricSecurityKey)
        {
            throw new InvalidOperationException("Tokens can only be issued with a symmetric (HS256) key.");
        }

        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [FleetCaller.RoleClaim] = role };
        if (vehicles is not null)
        {
            claims[FleetCaller.VehiclesClaim] = vehicles.ToArray();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + _options.ClockSkew && (notBefore is not { } nbf || now >= nbf - _options.ClockSkew);
    }
}
