using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    [Fact]
    public void Payloads_AcceptedAndRejected_FollowTheContract()
    {
        var createAccepted = JsonNode.Parse(ProvisioningPayloads.CreateFromCsrAccepted("tok", CertificateId, "-----BEGIN CERTIFICATE-----"))!;
        var provisionAccepted = JsonNode.Parse(ProvisioningPayloads.ProvisionAccepted("Vehicle_1", new Dictionary<string, string> { ["a"] = "b" }))!;
        var rejected = JsonNode.Parse(ProvisioningPayloads.Rejected(ProvisioningError.AccessDenied))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"certificateOwnershipToken":"tok","certificateId":"{{CertificateId}}","certificatePem":"-----BEGIN CERTIFICATE-----"}"""), createAccepted));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"thingName":"Vehicle_1","deviceConfiguration":{"a":"b"}}"""), provisionAccepted));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"statusCode":403,"errorCode":"ACCESS_DENIED","errorMessage":"This vehicle is not allowed to provision."}"""), rejected));
    }

    [Fact]
    public void ParseCreateFromCsr_ReadsThePemOrRefuses()
    {
        Assert.Equal("PEM", ProvisioningPayloads.ParseCreateFromCsr(Encoding.UTF8.GetBytes("""{"certificateSigningRequest":"PEM"}"""), out _));
        Assert.Null(ProvisioningPayloads.ParseCreateFromCsr(Encoding.UTF8.GetBytes("""{"certificateSigningRequest":1}"""), out var wrongType));
        Assert.Null(ProvisioningPayloads.ParseCreateFromCsr(Encoding.UTF8.GetBytes("nope"), out var notJson));
        Assert.Equal("InvalidPayload", wrongType!.ErrorCode);
        Assert.Equal(400, notJson!.StatusCode);
    }

    [Fact]
    public void ParseProvision_ReadsTokenAndStringParameters()
    {
        var request = ProvisioningPayloads.ParseProvision(Encoding.UTF8.GetBytes("""{"certificateOwnershipToken":"t","parameters":{"vin":"V1","model":"X"}}"""), out _);

        Assert.Equal("t", request!.CertificateOwnershipToken);
        Assert.Equal("V1", request.Vin);
        Assert.Null(ProvisioningPayloads.ParseProvision(Encoding.UTF8.GetBytes("""{"certificateOwnershipToken":"t","parameters":{"vin":1}}"""), out var error));
        Assert.Equal("InvalidPayload", error!.ErrorCode);
        Assert.Null(ProvisioningPayloads.ParseProvision(Encoding.UTF8.GetBytes("""{"parameters":{}}"""), out _));
    }
}
