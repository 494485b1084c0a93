using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests.Api;

/// <summary>Bearer JWTs (HS256 and RS256: issuer, audience, expiry on the injected clock), API keys and the development token command.</summary>
public sealed class ApiTokenValidatorTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-api-").FullName;
    private readonly ManualTimeProvider _time = new();

    private ApiTokenValidator Validator(ApiAuthenticationOptions? options = null) =>
        new(Options.Create(options ?? new ApiAuthenticationOptions()), _time, new ApiKeyLocation(_data));

    [Fact]
    public async Task ValidateBearer_DevelopmentTokenCommand_IsAcceptedWithRoleAndVehicles()
    {
        using var output = new StringWriter();
        var exit = DevelopmentTokenCommand.Run(["--role", "owner", "--vehicles", "car-1,car-2", "--data", _data], output, TextWriter.Null);
        Assert.Equal(0, exit);

        var principal = await new ApiTokenValidator(Options.Create(new ApiAuthenticationOptions()), TimeProvider.System, new ApiKeyLocation(_data)).ValidateBearerAsync(output.ToString().Trim());

        Assert.NotNull(principal);
        Assert.Equal("owner", principal.FindFirst("role")!.Value);
        Assert.Equal(["car-1", "car-2"], principal.FindAll("vehicles").Select(c => c.Value).Order());
        Assert.True(File.Exists(Path.Combine(_data, ApiAuthenticationOptions.DevelopmentKeyFileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, ApiAuthenticationOptions.DevelopmentKeyFileName)));
        }
    }

    [Fact]
    public async Task ValidateBearer_Expired_Refused()
    {
        var validator = Validator();
        var token = validator.IssueToken("a", "operator", null, TimeSpan.FromMinutes(5));
        Assert.NotNull(await validator.ValidateBearerAsync(token));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await validator.ValidateBearerAsync(token));
    }

    [Fact]
    public async Task ValidateBearer_OtherAudienceIssuerOrKey_Refused()
    {
        var token = Validator().IssueToken("a", "operator", null, TimeSpan.FromMinutes(5));

        Assert.Null(await Validator(new ApiAuthenticationOptions { Audience = "another-api" }).ValidateBearerAsync(token));
        Assert.Null(await Validator(new ApiAuthenticationOptions { Issuer = "someone-else" }).ValidateBearerAsync(token));
        Assert.Null(await Validator(new ApiAuthenticationOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }).ValidateBearerAsync(token));
        Assert.Null(await Validator().ValidateBearerAsync(token[..^4] + "AAAA"));
    }

    [Fact]
    public async Task ValidateBearer_Rs256WithConfiguredPublicKey_Accepted_Hs256Refused()
    {
        using var rsa = RSA.Create(2048);
        var pem = Path.Combine(_data, "public.pem");
        await File.WriteAllTextAsync(pem, rsa.ExportSubjectPublicKeyInfoPem());
        var now = _time.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiAuthenticationOptions.DefaultIssuer,
            Audience = ApiAuthenticationOptions.DefaultAudience,
            Subject = new ClaimsIdentity([new Claim("sub", "console"), new Claim("role", "operator")]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        });
        var rs256 = Validator(new ApiAuthenticationOptions { PublicKeyFile = pem });

        Assert.Equal("operator", (await rs256.ValidateBearerAsync(token))!.FindFirst("role")!.Value);
        Assert.Null(await rs256.ValidateBearerAsync(Validator().IssueToken("a", "operator", null, TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public void ValidateApiKey_ConfiguredHash_GrantsItsRole_OthersRefused()
    {
        var options = new ApiAuthenticationOptions();
        options.ApiKeys.Add(new ApiKeyOptions { Name = "billing", Sha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("s3cret-key"))) });
        var validator = Validator(options);

        Assert.Equal("service", validator.ValidateApiKey("s3cret-key")!.FindFirst("role")!.Value);
        Assert.Null(validator.ValidateApiKey("s3cret-kez"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
