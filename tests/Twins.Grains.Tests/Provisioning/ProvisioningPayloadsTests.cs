using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class ProvisioningPayloadsTests
{
    private static readonly string CertificateId = new('b', 64);

    [Fact]
    public void Replies_AcceptedAndRejected_FollowTheContract()
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
