using System.Security.Cryptography;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class ProvisioningRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string CertificateId = new('b', 64);
    private readonly OwnershipTokenService _tokens = new(RandomNumberGenerator.GetBytes(32));
    private readonly ProvisioningRules _rules;

    public ProvisioningRulesTests()
    {
        _rules = new ProvisioningRules(_tokens, new InMemoryVinAllowList(["WVWZZZ1JZXW000001"]), [new ProvisioningTemplate { Name = "vehicle", DeviceConfiguration = new Dictionary<string, string> { ["telemetryTopic"] = "twins/vehicles/{thing}/telemetry" } }]);
    }

    private static Func<string, ValueTask<string?>> Certificate(string? commonName) => id => ValueTask.FromResult(id == CertificateId ? commonName : null);

    private ProvisionRequest Request(string vin, string? token = null) =>
        new(token ?? _tokens.Issue(CertificateId, T0).Token, new Dictionary<string, string> { ["vin"] = vin });

    [Fact]
    public async Task DecideAsync_AllowedVinWithItsCertificate_IsAccepted()
    {
        var decision = await _rules.DecideAsync("vehicle", Request("wvwzzz1jzxw000001"), Certificate("Vehicle_WVWZZZ1JZXW000001"), T0.AddMinutes(5));

        Assert.True(decision.IsAccepted);
        Assert.Equal("Vehicle_WVWZZZ1JZXW000001", decision.ThingName);
        Assert.Equal(CertificateId, decision.CertificateId);
        Assert.NotNull(decision.TokenHash);
    }

    [Fact]
    public async Task DecideAsync_VinNotOnAllowList_IsAccessDenied()
    {
        var decision = await _rules.DecideAsync("vehicle", Request("WVWZZZ1JZXW000002"), Certificate("Vehicle_WVWZZZ1JZXW000002"), T0);

        Assert.Equal(403, decision.Error!.StatusCode);
        Assert.Equal("ACCESS_DENIED", decision.Error.ErrorCode);
    }

    [Fact]
    public async Task DecideAsync_CertificateIssuedForAnotherVehicle_IsRefused()
    {
        var decision = await _rules.DecideAsync("vehicle", Request("WVWZZZ1JZXW000001"), Certificate("Vehicle_SOMEONEELSE"), T0);

        Assert.Equal("CsrSubjectMismatch", decision.Error!.ErrorCode);
    }

    [Fact]
    public async Task DecideAsync_ExpiredToken_IsRefused()
    {
        var decision = await _rules.DecideAsync("vehicle", Request("WVWZZZ1JZXW000001"), Certificate("Vehicle_WVWZZZ1JZXW000001"), T0.AddHours(2));

        Assert.Equal("CertificateOwnershipTokenExpired", decision.Error!.ErrorCode);
    }

    [Fact]
    public async Task DecideAsync_UnknownTemplateMissingVinOrUnknownCertificate_AreRefused()
    {
        Assert.Equal(404, (await _rules.DecideAsync("other", Request("WVWZZZ1JZXW000001"), Certificate("x"), T0)).Error!.StatusCode);
        Assert.Equal("InvalidVin", (await _rules.DecideAsync("vehicle", Request("--"), Certificate("x"), T0)).Error!.ErrorCode);
        Assert.Equal("InvalidCertificateOwnershipToken", (await _rules.DecideAsync("vehicle", Request("WVWZZZ1JZXW000001"), Certificate(null), T0)).Error!.ErrorCode);
        Assert.Equal("InvalidCertificateOwnershipToken", (await _rules.DecideAsync("vehicle", Request("WVWZZZ1JZXW000001", "forged.token"), Certificate("x"), T0)).Error!.ErrorCode);
    }
}
