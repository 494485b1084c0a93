using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Twins.Testing;

namespace Twins.Silo.Tests.Api;

/// <summary>
/// A silo whose tokens come from an OIDC provider (a local discovery document and JWKS): RS256 tokens with the
/// provider's group mapped to a role see the fleet, the JWKS is cached and re-read when a rotated key's <c>kid</c>
/// appears, and tokens the provider did not sign (HS256 over its public key, an unpublished key, another issuer)
/// get 401 over HTTP and 4403 on the WebSocket.
/// </summary>
public sealed class OidcAuthenticationTests(OidcSiloFixture fixture) : IClassFixture<OidcSiloFixture>
{
    private const string Query = "{ vehicles(first: 5) { totalCount nodes { thingName } } }";

    private ApiSilo Silo => fixture.Silo;

    private TestOidcProvider Provider => fixture.Provider;

    private static Dictionary<string, object> Admins => new() { ["groups"] = new[] { "fleet-admins" } };

    [Fact]
    public async Task ProviderToken_GroupMappedToOperator_SeesTheFleet_OverHttpAndWebSocket()
    {
        var token = Token(fixture.SigningKey, Admins);

        Assert.Equal(ApiSilo.Vehicle, await VisibleVehicleAsync(token));
        Assert.Equal(("connection_ack", (int?)null), await GraphQLWsProbe.InitAsync(Silo.WebSocketAddress, new { authorization = "Bearer " + token }));
    }

    [Fact]
    public async Task ProviderToken_RoleClaimOutsideTheConfiguredGroupsClaim_GrantsNothing()
    {
        var token = Token(fixture.SigningKey, new() { ["role"] = "operator", ["groups"] = new[] { "drivers" } });

        using var client = new FleetApiClient(Silo.BaseAddress, token);
        var (status, _, body) = await client.SendWithStatusAsync(Query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, (int)JsonNode.Parse(body)!["data"]!["vehicles"]!["totalCount"]!);
    }

    [Fact]
    public async Task KeyRotation_TokenFromANewKey_AcceptedOnceTheJwksIsReread_WhileKnownKeysUseTheCache()
    {
        var first = Token(fixture.SigningKey, Admins);
        Assert.Equal(ApiSilo.Vehicle, await VisibleVehicleAsync(first));
        var fetches = Provider.JwksFetches;
        Assert.Equal(ApiSilo.Vehicle, await VisibleVehicleAsync(first));
        Assert.Equal(ApiSilo.Vehicle, await VisibleVehicleAsync(first));
        Assert.Equal(fetches, Provider.JwksFetches);

        // The provider rotates: the new key is published, and the silo has not seen its kid yet.
        var rotated = Token(Provider.NewKey("rotation-2"), Admins);
        await Poll.UntilAsync(async () => await VisibleVehicleAsync(rotated) == ApiSilo.Vehicle, "the token signed with the rotated key to be accepted");

        Assert.True(Provider.JwksFetches > fetches, "the JWKS was fetched again");
        Assert.Equal(ApiSilo.Vehicle, await VisibleVehicleAsync(first));
    }

    [Theory]
    [InlineData("hs256-over-public-key", "")]
    [InlineData("unknown-kid", "The signature key was not found")]
    [InlineData("wrong-issuer", "The issuer")]
    [InlineData("wrong-audience", "The audience")]
    [InlineData("expired", "The token expired at")]
    public async Task TokenTheProviderDidNotIssue_401WithInvalidTokenChallenge_AndRefusedOnTheWebSocket(string kind, string description)
    {
        var token = BadToken(kind);
        using var client = new FleetApiClient(Silo.BaseAddress, token);

        var (status, challenge, body) = await client.SendWithStatusAsync(Query);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Bearer error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.True(challenge!.Contains(description, StringComparison.Ordinal), challenge);
        Assert.Null(JsonNode.Parse(body)!["data"]);
        Assert.DoesNotContain(ApiSilo.Vehicle, body, StringComparison.Ordinal);
        Assert.Equal((null, (int?)4403), await GraphQLWsProbe.InitAsync(Silo.WebSocketAddress, new { authorization = "Bearer " + token }));
    }

    private string BadToken(string kind)
    {
        var now = Silo.Time.GetUtcNow();
        var published = fixture.SigningKey;
        return kind switch
        {
            // The classic algorithm confusion: HMAC keyed with the provider's public key, under its kid.
            "hs256-over-public-key" => TestTokens.Create(
                new SigningCredentials(new SymmetricSecurityKey(Encoding.ASCII.GetBytes(((RsaSecurityKey)published.Key).Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = published.Key.KeyId }, SecurityAlgorithms.HmacSha256),
                Provider.Issuer, OidcSiloFixture.Audience, now, now.AddHours(1), Admins),
            "unknown-kid" => Token(Provider.NewKey("never-published-" + Guid.NewGuid().ToString("N"), publish: false), Admins),
            "wrong-issuer" => TestTokens.Create(published, "https://someone-else.example", OidcSiloFixture.Audience, now, now.AddHours(1), Admins),
            "wrong-audience" => TestTokens.Create(published, Provider.Issuer, "another-api", now, now.AddHours(1), Admins),
            "expired" => TestTokens.Create(published, Provider.Issuer, OidcSiloFixture.Audience, now.AddHours(-2), now.AddHours(-1), Admins),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private string Token(SigningCredentials key, Dictionary<string, object> claims)
    {
        var now = Silo.Time.GetUtcNow();
        return TestTokens.Create(key, Provider.Issuer, OidcSiloFixture.Audience, now, now.AddHours(1), claims);
    }

    private async Task<string?> VisibleVehicleAsync(string token)
    {
        using var client = new FleetApiClient(Silo.BaseAddress, token);
        var (status, _, body) = await client.SendWithStatusAsync(Query);
        return status == HttpStatusCode.OK ? (string?)JsonNode.Parse(body)!["data"]!["vehicles"]!["nodes"]![0]?["thingName"] : null;
    }
}
