using Microsoft.IdentityModel.JsonWebTokens;
using Twins.Silo.Api.Authentication;

namespace Twins.Silo.Tests.Api;

/// <summary><c>./twins token</c>'s command line: the token it prints, and the errors a wrong command line gets.</summary>
public sealed class DevelopmentTokenCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-token-").FullName;

    [Fact]
    public void Run_OwnerWithVehicles_PrintsTokenWithRoleAndVehicles_KeyFileOwnerOnly()
    {
        using var output = new StringWriter();
        Assert.Equal(0, DevelopmentTokenCommand.Run(["--role", "owner", "--vehicles", "car-1, car-2", "--hours", "2", "--data", _data], output, TextWriter.Null));

        var token = new JsonWebToken(output.ToString().Trim());
        Assert.Equal("owner", token.GetClaim("role").Value);
        Assert.Equal(["car-1", "car-2"], token.Claims.Where(c => c.Type == "vehicles").Select(c => c.Value).Order());
        Assert.Equal(TimeSpan.FromHours(2), token.ValidTo - token.ValidFrom);
        var key = Path.Combine(_data, ApiAuthenticationOptions.DevelopmentKeyFileName);
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Theory]
    [InlineData("An owner token needs --vehicles.", "--role", "owner")]
    [InlineData("--hours must be above 0.", "--hours", "0")]
    [InlineData("superuser", "--role", "superuser")]
    [InlineData("--nonsense", "--nonsense")]
    public void Run_WrongCommandLine_ExplainsAndPrintsNoToken(string explanation, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(DevelopmentTokenCommand.UsageError, DevelopmentTokenCommand.Run([.. args, "--data", _data], output, error));

        Assert.Contains(explanation, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
