using System.Security.Cryptography;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class OwnershipTokenServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string CertificateId = new('a', 64);
    private readonly OwnershipTokenService _service = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Verify_FreshToken_NamesItsCertificate()
    {
        var token = _service.Issue(CertificateId, T0);

        var check = _service.Verify(token.Token, T0.AddMinutes(59));

        Assert.True(check.IsValid);
        Assert.Equal(CertificateId, check.CertificateId);
        Assert.Equal(token.Hash, check.Hash);
        Assert.Equal(T0.AddHours(1), token.ExpiresAt);
    }

    [Fact]
    public void Verify_AfterOneHour_IsExpired()
    {
        var token = _service.Issue(CertificateId, T0);

        var check = _service.Verify(token.Token, T0.AddHours(1));

        Assert.Equal("CertificateOwnershipTokenExpired", check.Error!.ErrorCode);
        Assert.Equal(CertificateId, check.CertificateId);
    }

    [Fact]
    public void Verify_TokenFromAnotherKeyOrTampered_IsInvalid()
    {
        var other = new OwnershipTokenService(RandomNumberGenerator.GetBytes(32));
        var token = _service.Issue(CertificateId, T0).Token;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Equal("InvalidCertificateOwnershipToken", _service.Verify(other.Issue(CertificateId, T0).Token, T0).Error!.ErrorCode);
        Assert.Equal("InvalidCertificateOwnershipToken", _service.Verify(tampered, T0).Error!.ErrorCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData(".")]
    [InlineData("a.b")]
    [InlineData("!!!.???")]
    public void Verify_Garbage_IsInvalid(string? token)
    {
        Assert.Equal("InvalidCertificateOwnershipToken", _service.Verify(token, T0).Error!.ErrorCode);
    }

    [Fact]
    public void IssueExpiringAt_SameCertificateAndExpiry_GivesTheSameToken()
    {
        var first = _service.Issue(CertificateId, T0);

        var again = _service.IssueExpiringAt(CertificateId, first.ExpiresAt);

        Assert.Equal(first.Token, again.Token);
        Assert.Equal(first.Hash, again.Hash);
    }

    [Fact]
    public void Issue_AnotherExpiryCertificateOrKey_GivesAnotherToken()
    {
        var token = _service.Issue(CertificateId, T0).Token;

        Assert.NotEqual(token, _service.Issue(CertificateId, T0.AddMilliseconds(1)).Token);
        Assert.NotEqual(token, _service.Issue(new string('b', 64), T0).Token);
        Assert.NotEqual(token, new OwnershipTokenService(RandomNumberGenerator.GetBytes(32)).Issue(CertificateId, T0).Token);
    }

    [Fact]
    public async Task LoadOrCreateAsync_KeepsTheKeyOwnerOnlyAcrossRestarts()
    {
        var directory = Path.Combine(Path.GetTempPath(), "twins-token-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(directory, "ownership-token.key");
            var first = await OwnershipTokenService.LoadOrCreateAsync(path);
            var token = first.Issue(CertificateId, T0);
            var second = await OwnershipTokenService.LoadOrCreateAsync(path);

            Assert.True(second.Verify(token.Token, T0).IsValid);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
