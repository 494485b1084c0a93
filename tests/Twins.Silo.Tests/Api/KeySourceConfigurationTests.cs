using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Twins.Silo.Api.Authentication;

namespace Twins.Silo.Tests.Api;

/// <summary>The other key sources and the start-up checks of <c>Twins:Api</c>, each on its own real silo.</summary>
public sealed class KeySourceConfigurationTests
{
    [Fact]
    public async Task PublicKeyFile_Rs256TokenAccepted_Hs256DevelopmentTokenRefused()
    {
        using var rsa = RSA.Create(2048);
        var pem = Path.Combine(Directory.CreateTempSubdirectory("twins-pem-").FullName, "public.pem");
        await File.WriteAllTextAsync(pem, rsa.ExportSubjectPublicKeyInfoPem());
        await using var silo = await ApiSilo.StartAsync("--Twins:Api:PublicKeyFile", pem);
        var now = silo.Time.GetUtcNow();
        var rs256 = TestTokens.Create(new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256), ApiAuthenticationOptions.DefaultIssuer, ApiAuthenticationOptions.DefaultAudience, now, now.AddHours(1), new Dictionary<string, object> { ["role"] = "operator" });
        using var output = new StringWriter();
        Assert.Equal(0, DevelopmentTokenCommand.Run(["--role", "operator", "--data", silo.DataDirectory], output, TextWriter.Null));

        using var good = new FleetApiClient(silo.BaseAddress, rs256);
        using var development = new FleetApiClient(silo.BaseAddress, output.ToString().Trim());
        var accepted = await good.SendWithStatusAsync("{ vehicles(first: 1) { nodes { thingName } } }");
        var refused = await development.SendWithStatusAsync("{ vehicles(first: 1) { nodes { thingName } } }");

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains(ApiSilo.Vehicle, accepted.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.StartsWith("Bearer error=\"invalid_token\"", refused.Challenge, StringComparison.Ordinal);
        File.Delete(pem);
    }

    [Fact]
    public async Task WrongSettings_StopStartUp_NamingEachKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiSilo.StartAsync(
            "--Twins:Api:Authority", "http://idp.example",
            "--Twins:Api:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "--Twins:Api:Roles:admins", "superuser",
            "--Twins:Api:ApiKeys:0:Name", "billing",
            "--Twins:Api:ApiKeys:0:Sha256", "not-hex"));

        Assert.Contains("Configure one token key source, not Twins:Api:Authority and Twins:Api:SigningKey.", failure.Failures);
        Assert.Contains("Twins:Api:Authority must use https (set Twins:Api:RequireHttpsMetadata=false only for a local test provider).", failure.Failures);
        Assert.Contains("Twins:Api:Roles:admins must be operator, owner or service, not 'superuser'.", failure.Failures);
        Assert.Contains("Twins:Api:ApiKeys:0:Sha256 must be the key's SHA-256 in hex (64 digits).", failure.Failures);
    }
}
