using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Twins.Silo.Tests.Api;

/// <summary>Builds the tokens the authentication tests send: good ones, and each kind of bad one.</summary>
internal static class TestTokens
{
    public static string Create(SigningCredentials credentials, string issuer, string audience, DateTimeOffset notBefore, DateTimeOffset expires, IDictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "auth-test")]),
            Claims = claims,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = credentials,
        });

    /// <summary>An unsigned token (<c>alg: none</c>) carrying <paramref name="claims"/>, as an attacker would write it.</summary>
    public static string Unsigned(string issuer, string audience, DateTimeOffset now, IDictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>(claims)
        {
            ["sub"] = "auth-test",
            ["iss"] = issuer,
            ["aud"] = audience,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        return Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + ".";
    }

    /// <summary>The token with one character of its signature changed.</summary>
    public static string Tampered(string token)
    {
        var signatureStart = token.LastIndexOf('.') + 1;
        var builder = new StringBuilder(token);
        builder[signatureStart + 5] = builder[signatureStart + 5] == 'A' ? 'B' : 'A';
        return builder.ToString();
    }
}
