using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;
using Twins.Silo.Api.Authentication;

namespace Twins.Silo.Tests;

/// <summary>Certificates and the allow-list through the fleet API (HTTP): listing, the index's certificate columns, revocation, roles.</summary>
public sealed class FleetApiCertificateTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private FleetApiClient Client(string role, params string[] vehicles) =>
        new(silo.BaseAddress, silo.App.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("test-" + role, role, role == "owner" ? vehicles : null, TimeSpan.FromHours(1)));

    private async Task<string> ProvisionAsync(string thing)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = silo.Time.GetUtcNow();
        var certificate = silo.Grains.GetGrain<ICertificateGrain>(id);
        await certificate.RegisterAsync(new CertificateRegistration("01AB", thing, now, now.AddDays(365), null, null, thing));
        Assert.True((await certificate.ActivateAsync(thing)).Succeeded);
        await silo.Grains.GetGrain<IVehicleCertificatesGrain>(thing).OnProvisionedAsync(id);
        return id;
    }

    [Fact]
    public async Task RevokeCertificate_Operator_RevokesAndIndexShowsIt_OwnerOfAnotherVehicleSeesNothing()
    {
        const string Thing = "cert-api-1";
        var id = await ProvisionAsync(Thing);
        using var client = Client("operator");
        using var stranger = Client("owner", "cert-api-other");

        var listed = await client.DataAsync($$"""
            { vehicle(thingName: "{{Thing}}") { certificateStatus certificates { certificateId status notAfter } }
              vehicles(first: 5, where: { thingName: { eq: "{{Thing}}" }, certificateStatus: { eq: "ACTIVE" } }) { totalCount } }
            """);
        Assert.Equal("ACTIVE", (string)listed["vehicle"]!["certificateStatus"]!);
        Assert.Equal(id, (string)listed["vehicle"]!["certificates"]![0]!["certificateId"]!);
        Assert.Equal(1, (int)listed["vehicles"]!["totalCount"]!);

        var hidden = await stranger.DataAsync($$"""
            { certificate(id: "{{id}}") { status }
              revokeAttempt: certificates(where: { thingName: { eq: "{{Thing}}" } }) { totalCount } }
            """);
        Assert.Null(hidden["certificate"]);
        Assert.Equal(0, (int)hidden["revokeAttempt"]!["totalCount"]!);
        var refused = await stranger.DataAsync($$"""mutation { revokeCertificate(input: { certificateId: "{{id}}" }) { certificate { status } errors { __typename } } }""");
        Assert.Equal("CertificateNotFoundError", (string)refused["revokeCertificate"]!["errors"]![0]!["__typename"]!);
        Assert.Equal("ACTIVE", (await silo.Grains.GetGrain<ICertificateGrain>(id).GetAsync())!.Status);

        var revoked = await client.DataAsync($$"""mutation { revokeCertificate(input: { certificateId: "{{id}}", reason: "stolen" }) { certificate { status } errors { __typename } } }""");

        Assert.Equal("REVOKED", (string)revoked["revokeCertificate"]!["certificate"]!["status"]!);
        Assert.Equal("REVOKED", (await silo.App.Services.GetRequiredService<IFleetIndex>().GetAsync(Thing))!.CertificateStatus);

        // The certificate grain wrote its record to the certificate index: the fleet-wide list shows it revoked.
        var indexed = await client.DataAsync($$"""{ certificates(where: { thingName: { eq: "{{Thing}}" } }) { totalCount nodes { certificateId status statusReason } } }""");
        var only = Assert.Single(indexed["certificates"]!["nodes"]!.AsArray())!;
        Assert.Equal(id, (string)only["certificateId"]!);
        Assert.Equal("REVOKED", (string)only["status"]!);
        Assert.Equal("stolen", (string?)only["statusReason"]);
    }

    [Fact]
    public async Task AuthorizeVehicle_OperatorAddsVin_OwnerIsNotAuthorized()
    {
        using var owner = Client("owner", "x");
        using var client = Client("operator");
        var denied = await owner.DataAsync("""mutation { authorizeVehicle(input: { vin: "wvw-zzz-1jz-api-1" }) { vin errors { __typename } } }""");
        Assert.Equal("NotAuthorizedError", (string)denied["authorizeVehicle"]!["errors"]![0]!["__typename"]!);
        var allowList = silo.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey);
        Assert.False(await allowList.ContainsAsync("WVWZZZ1JZAPI1"));

        var added = await client.DataAsync("""mutation { authorizeVehicle(input: { vin: "wvw-zzz-1jz-api-1" }) { vin added errors { __typename } } }""");
        Assert.Equal("WVWZZZ1JZAPI1", (string)added["authorizeVehicle"]!["vin"]!);
        Assert.True(await allowList.ContainsAsync("WVWZZZ1JZAPI1"));

        var removed = await client.DataAsync("""mutation { revokeVehicleAuthorization(input: { vin: "WVWZZZ1JZAPI1" }) { removed } }""");
        Assert.True((bool)removed["revokeVehicleAuthorization"]!["removed"]!);
        Assert.False(await allowList.ContainsAsync("WVWZZZ1JZAPI1"));
    }
}
