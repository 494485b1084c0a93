using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Twins.Silo.Api.Authentication;

namespace Twins.Silo.Tests.Api;

/// <summary>
/// Bearer tokens on a silo with the development key, through real HTTP and WebSocket clients: a good token from
/// <c>./twins token</c> sees the fleet; each kind of bad token gets 401 with <c>WWW-Authenticate: Bearer
/// error="invalid_token"</c> (RFC 6750), a readable error and nothing else; a request without a token stays anonymous.
/// </summary>
public sealed class BearerTokenAuthenticationTests(DevelopmentKeySiloFixture fixture) : IClassFixture<DevelopmentKeySiloFixture>
{
    private const string Query = "{ vehicles(first: 5) { totalCount nodes { thingName } } }";

    private ApiSilo Silo => fixture.Silo;

    private SigningCredentials DevelopmentKey =>
        new(new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(Path.Combine(Silo.DataDirectory, ApiAuthenticationOptions.DevelopmentKeyFileName)).Trim())), SecurityAlgorithms.HmacSha256);

    private static Dictionary<string, object> Operator => new() { ["role"] = "operator" };

    [Fact]
    public async Task TokenCommand_TokenFromTheSilosDataDirectory_SeesTheFleet()
    {
        using var output = new StringWriter();
        Assert.Equal(0, DevelopmentTokenCommand.Run(["--role", "operator", "--data", Silo.DataDirectory], output, TextWriter.Null));

        using var client = new FleetApiClient(Silo.BaseAddress, output.ToString().Trim());
        var (status, challenge, body) = await client.SendWithStatusAsync(Query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(challenge);
        Assert.Equal(ApiSilo.Vehicle, (string)JsonNode.Parse(body)!["data"]!["vehicles"]!["nodes"]![0]!["thingName"]!);
    }

    [Fact]
    public async Task NoToken_StaysAnonymous_SeesNoVehicle()
    {
        using var client = new FleetApiClient(Silo.BaseAddress, null);
        var (status, challenge, body) = await client.SendWithStatusAsync(Query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(challenge);
        Assert.Equal(0, (int)JsonNode.Parse(body)!["data"]!["vehicles"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("expired", "The token expired at")]
    [InlineData("not-yet-valid", "The token is not valid before")]
    [InlineData("wrong-audience", "The audience")]
    [InlineData("wrong-issuer", "The issuer 'someone-else' is invalid")]
    [InlineData("alg-none", "")]
    [InlineData("another-key", "The signature")]
    [InlineData("unknown-kid", "The signature")]
    [InlineData("tampered", "The signature")]
    public async Task BadToken_401WithInvalidTokenChallenge_NothingServed(string kind, string description)
    {
        var token = BadToken(kind);
        using var client = new FleetApiClient(Silo.BaseAddress, token);

        var (status, challenge, body) = await client.SendWithStatusAsync(Query);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Bearer error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.True(challenge!.Contains(description, StringComparison.Ordinal), challenge);
        var answer = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["errors"], answer.Select(p => p.Key));
        Assert.Equal("UNAUTHENTICATED", (string)answer["errors"]![0]!["extensions"]!["code"]!);
        Assert.StartsWith("The bearer token is not valid", (string)answer["errors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSilo.Vehicle, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadToken_OnOtherPathsToo_401()
    {
        using var http = new HttpClient { BaseAddress = Silo.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Authorization = new("Bearer", BadToken("expired"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketConnectionInit_GoodToken_Acknowledged_BadTokens_Closed4403()
    {
        var now = Silo.Time.GetUtcNow();
        var good = TestTokens.Create(DevelopmentKey, ApiAuthenticationOptions.DefaultIssuer, ApiAuthenticationOptions.DefaultAudience, now, now.AddHours(1), Operator);

        Assert.Equal(("connection_ack", (int?)null), await GraphQLWsProbe.InitAsync(Silo.WebSocketAddress, new { authorization = "Bearer " + good }));
        foreach (var kind in new[] { "expired", "wrong-audience", "alg-none", "tampered" })
        {
            // graphql-transport-ws: a server that rejects connection_init closes with 4403 Forbidden.
            Assert.Equal((null, (int?)4403), await GraphQLWsProbe.InitAsync(Silo.WebSocketAddress, new { authorization = "Bearer " + BadToken(kind) }));
        }
    }

    private string BadToken(string kind)
    {
        var now = Silo.Time.GetUtcNow();
        const string Issuer = ApiAuthenticationOptions.DefaultIssuer, Audience = ApiAuthenticationOptions.DefaultAudience;
        var otherKey = new SigningCredentials(new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) { KeyId = "not-ours" }, SecurityAlgorithms.HmacSha256);
        return kind switch
        {
            "expired" => TestTokens.Create(DevelopmentKey, Issuer, Audience, now.AddHours(-2), now.AddHours(-1), Operator),
            "not-yet-valid" => TestTokens.Create(DevelopmentKey, Issuer, Audience, now.AddHours(1), now.AddHours(2), Operator),
            "wrong-audience" => TestTokens.Create(DevelopmentKey, Issuer, "another-api", now, now.AddHours(1), Operator),
            "wrong-issuer" => TestTokens.Create(DevelopmentKey, "someone-else", Audience, now, now.AddHours(1), Operator),
            "alg-none" => TestTokens.Unsigned(Issuer, Audience, now, Operator),
            "another-key" => TestTokens.Create(new SigningCredentials(new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256), Issuer, Audience, now, now.AddHours(1), Operator),
            "unknown-kid" => TestTokens.Create(otherKey, Issuer, Audience, now, now.AddHours(1), Operator),
            "tampered" => TestTokens.Tampered(TestTokens.Create(DevelopmentKey, Issuer, Audience, now, now.AddHours(1), Operator)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
