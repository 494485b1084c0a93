using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.Certificates.Grains;
using Twins.Grains.Interfaces.Certificates;
using Twins.Testing;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>Ownership tokens and the unused pending certificate's deletion, on the silo's manual clock (real SQLite store and reminders).</summary>
public sealed class CertificateLifecycleTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task PendingCertificate_TokenUnusedForAnHour_DeletedAndTokenRejectedAsExpired()
    {
        const string vin = "WVW1LIFECYCLE00001";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        var provisioning = fixture.Grains.GetGrain<IProvisioningGrain>("p0");
        var created = await CreateAsync(provisioning, vin, "lifecycle-1");
        var certificate = fixture.Grains.GetGrain<ICertificateGrain>(created["certificateId"]!.GetValue<string>());
        Assert.Equal("PENDING_ACTIVATION", (await certificate.GetAsync())!.Status);

        fixture.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await Poll.AdvancingUntilAsync(fixture.Time, async () => await certificate.GetAsync() is null, "the unused pending certificate is deleted");

        var reply = await ProvisionAsync(provisioning, created, vin);
        Assert.False(reply.Accepted);
        Assert.Equal("CertificateOwnershipTokenExpired", reply.ErrorCode);
    }

    [Fact]
    public async Task CreateFromCsr_SameRequestAgainLater_SameAnswerAndOneCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["certificateSigningRequest"] = new CertificateRequest("CN=Vehicle_WVW1LIFECYCLE00004", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(),
        }.ToJsonString());
        var provisioning = fixture.Grains.GetGrain<IProvisioningGrain>("p3");
        var first = await provisioning.CreateFromCsrAsync("lifecycle-4", payload);
        Assert.True(first.Accepted, Encoding.UTF8.GetString(first.Payload));

        // A broker redelivery after the gateway crashed before its ack, some minutes later.
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await provisioning.CreateFromCsrAsync("lifecycle-4", payload);

        Assert.True(again.Accepted, Encoding.UTF8.GetString(again.Payload));
        Assert.Equal(Encoding.UTF8.GetString(first.Payload), Encoding.UTF8.GetString(again.Payload));
        const string vin = "WVW1LIFECYCLE00004";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        Assert.True((await ProvisionAsync(provisioning, JsonNode.Parse(again.Payload)!, vin)).Accepted);
    }

    [Fact]
    public async Task Revoke_ThreeWithinThePublishWindow_OneCrlListsThemAll()
    {
        var crlFile = Path.Combine(fixture.App.Services.GetRequiredService<CertificateDataDirectory>().Path, "crl.pem");
        var before = CrlNumber(crlFile);
        var provisioning = fixture.Grains.GetGrain<IProvisioningGrain>("p4");
        var serials = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await CreateAsync(provisioning, $"WVW1CRLBATCH00000{i}", $"crl-batch-{i}");
            var certificate = fixture.Grains.GetGrain<ICertificateGrain>(created["certificateId"]!.GetValue<string>());
            serials.Add((await certificate.GetAsync())!.SerialNumber);
            Assert.True((await certificate.RevokeAsync("batch test")).Succeeded);
        }

        // Stored at once, published together when the window (1 s) ends: one CRL, one broker reload.
        Assert.Equal(before, CrlNumber(crlFile));
        Assert.Superset(serials.ToHashSet(), (await fixture.Grains.GetGrain<ICertificateRevocationGrain>(ICertificateRevocationGrain.DefaultKey).ListAsync()).ToHashSet());
        await Poll.AdvancingUntilAsync(fixture.Time, () => Task.FromResult(CrlNumber(crlFile) > before), "the CRL is published");

        Assert.Equal(before + 1, CrlNumber(crlFile));
        var crl = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(crlFile), out _);
        Assert.All(serials, serial => Assert.True(crl.RemoveEntry(Convert.FromHexString(serial)), $"{serial} is on the CRL"));
    }

    [Fact]
    public async Task Provision_TokenUsedTwice_SameAnswerWhileCurrentThenRejectedOnceSuperseded()
    {
        const string vin = "WVW1LIFECYCLE00002";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        var provisioning = fixture.Grains.GetGrain<IProvisioningGrain>("p1");
        var created = await CreateAsync(provisioning, vin, "lifecycle-2");
        var first = await ProvisionAsync(provisioning, created, vin);
        Assert.True(first.Accepted);

        // A redelivery of the same request (the gateway crashed before its ack) is answered as before.
        var again = await ProvisionAsync(provisioning, created, vin);
        Assert.True(again.Accepted);
        Assert.Equal(first.Payload, again.Payload);

        // Once the vehicle was provisioned anew, the old token is a reused one and changes nothing.
        var newer = await CreateAsync(provisioning, vin, "lifecycle-2b");
        Assert.True((await ProvisionAsync(provisioning, newer, vin)).Accepted);
        var replayed = await ProvisionAsync(provisioning, created, vin);
        Assert.False(replayed.Accepted);
        Assert.Equal("CertificateOwnershipTokenAlreadyUsed", replayed.ErrorCode);
        var certificate = await fixture.Grains.GetGrain<ICertificateGrain>(created["certificateId"]!.GetValue<string>()).GetAsync();
        Assert.Equal("INACTIVE", certificate!.Status);
        Assert.Equal("Vehicle_" + vin, certificate.ThingName);
        Assert.Equal(newer["certificateId"]!.GetValue<string>(), (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + vin).GetAsync()).ActiveCertificateId);
    }

    [Fact]
    public async Task Provision_CsrNamesAnotherVehicle_RejectedAndCertificateStaysPending()
    {
        const string vin = "WVW1LIFECYCLE00003";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        var provisioning = fixture.Grains.GetGrain<IProvisioningGrain>("p2");
        var created = await CreateAsync(provisioning, "WVW1SOMEONEELSE001", "lifecycle-3");

        var reply = await ProvisionAsync(provisioning, created, vin);
        Assert.False(reply.Accepted);
        Assert.Equal("PENDING_ACTIVATION", (await fixture.Grains.GetGrain<ICertificateGrain>(created["certificateId"]!.GetValue<string>()).GetAsync())!.Status);
        Assert.Null((await fixture.Grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + vin).GetAsync()).ActiveCertificateId);
    }

    private static BigInteger CrlNumber(string crlFile)
    {
        CertificateRevocationListBuilder.LoadPem(File.ReadAllText(crlFile), out var number);
        return number;
    }

    private static async Task<JsonNode> CreateAsync(IProvisioningGrain provisioning, string csrVin, string requestId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Vehicle_" + csrVin, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var reply = await provisioning.CreateFromCsrAsync(requestId, Encoding.UTF8.GetBytes(new JsonObject { ["certificateSigningRequest"] = csr }.ToJsonString()));
        Assert.True(reply.Accepted, Encoding.UTF8.GetString(reply.Payload));
        return JsonNode.Parse(reply.Payload)!;
    }

    private static Task<ProvisioningReply> ProvisionAsync(IProvisioningGrain provisioning, JsonNode created, string vin) =>
        provisioning.ProvisionAsync("twins-fleet", Encoding.UTF8.GetBytes(new JsonObject
        {
            ["certificateOwnershipToken"] = created["certificateOwnershipToken"]!.GetValue<string>(),
            ["parameters"] = new JsonObject { ["vin"] = vin },
        }.ToJsonString()));
}
