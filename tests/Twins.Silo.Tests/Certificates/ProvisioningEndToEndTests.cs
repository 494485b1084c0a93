using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Interfaces.Certificates;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>Fleet provisioning by claim and mTLS end to end: real mosquitto (deploy/mosquitto config), real silo, libs/Mqtt as the vehicle.</summary>
public sealed class ProvisioningEndToEndTests(MtlsSiloFixture fixture) : IClassFixture<MtlsSiloFixture>
{
    private const string AllowedVin = "WVW1TEST0000000001";
    private readonly ProvisioningClient _client = new(fixture);

    [Fact]
    public async Task Provisioning_ClaimThenOperationalCertificate_VehicleConfinedToItsOwnTopics()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (certificateId, certificatePem, thingName) = await ProvisionAsync(AllowedVin, key);
        Assert.Equal("Vehicle_" + AllowedVin, thingName);

        var info = await fixture.Grains.GetGrain<ICertificateGrain>(certificateId).GetAsync();
        Assert.Equal("ACTIVE", info!.Status);
        Assert.Equal(thingName, info.ThingName);

        await using var vehicle = await ConnectAsync(thingName, WithKey(certificatePem, key));
        var own = await vehicle.PublishAsync(Message($"twins/vehicles/{thingName}/telemetry", """{"seq":1,"signals":{"speed":1}}"""));
        Assert.True(own.IsSuccess, own.ReasonCode.ToString());
        var foreign = await vehicle.PublishAsync(Message("$aws/things/Vehicle_SOMEONEELSE/shadow/update", """{"state":{"reported":{"x":1}}}"""));
        Assert.Equal(MqttReasonCode.NotAuthorized, foreign.ReasonCode);

        var owned = await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetAsync();
        Assert.Equal(certificateId, owned.ActiveCertificateId);
    }

    [Fact]
    public async Task Provision_VinNotOnAllowList_RejectedWithAccessDenied()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var claim = await ConnectAsync("claim-denied", fixture.ClaimCertificate);
        await using var requester = await MqttRequestClient.CreateAsync(claim, "twins/replies/claim-denied/r");
        var created = await RequestAsync(requester, "$aws/certificates/create-from-csr/json", new JsonObject { ["certificateSigningRequest"] = Csr("Vehicle_WVW9NOTALLOWED00001", key) });
        var reply = await RequestAsync(requester, "$aws/provisioning-templates/twins-fleet/provision/json", new JsonObject
        {
            ["certificateOwnershipToken"] = created["certificateOwnershipToken"]!.GetValue<string>(),
            ["parameters"] = new JsonObject { ["vin"] = "WVW9NOTALLOWED00001" },
        });
        Assert.Equal("ACCESS_DENIED", reply["errorCode"]!.GetValue<string>());
        var certificate = await fixture.Grains.GetGrain<ICertificateGrain>(created["certificateId"]!.GetValue<string>()).GetAsync();
        Assert.Equal("PENDING_ACTIVATION", certificate!.Status);
    }

    [Theory]
    [InlineData("not a pem", "InvalidCsr")]
    [InlineData("bad-signature", "InvalidCsrSignature")]
    public async Task CreateFromCsr_BadRequest_RejectedWithPreciseErrorCode(string csr, string errorCode)
    {
        if (csr == "bad-signature")
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var der = new CertificateRequest("CN=Vehicle_WVW1BADSIG", key, HashAlgorithmName.SHA256).CreateSigningRequest();
            der[^1] ^= 0x5A;
            csr = PemEncoding.WriteString("CERTIFICATE REQUEST", der);
        }

        await using var claim = await ConnectAsync("claim-bad-" + errorCode.ToLowerInvariant(), fixture.ClaimCertificate);
        await using var requester = await MqttRequestClient.CreateAsync(claim, $"twins/replies/claim-bad-{errorCode.ToLowerInvariant()}/r");
        var reply = await RequestAsync(requester, "$aws/certificates/create-from-csr/json", new JsonObject { ["certificateSigningRequest"] = csr });
        Assert.Equal(errorCode, reply["errorCode"]!.GetValue<string>());
        Assert.Equal(400, reply["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateFromCsr_SameRequestDeliveredTwice_SameAcceptedAnswerBothTimes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var claim = await ConnectAsync("claim-again", fixture.ClaimCertificate);
        var replies = System.Threading.Channels.Channel.CreateUnbounded<MqttApplicationMessage>();
        await claim.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("twins/replies/claim-again/r", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        _ = Task.Run(async () =>
        {
            await foreach (var received in claim.ApplicationMessages.ReadAllAsync())
            {
                received.Acknowledge();
                await replies.Writer.WriteAsync(received.ApplicationMessage);
            }
        });

        // What the broker redelivers is the very same request: same payload, Response Topic and Correlation Data.
        var request = new MqttApplicationMessage
        {
            Topic = "$aws/certificates/create-from-csr/json",
            Payload = Encoding.UTF8.GetBytes(new JsonObject { ["certificateSigningRequest"] = Csr("Vehicle_WVW1AGAIN0000001", key) }.ToJsonString()),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            ResponseTopic = "twins/replies/claim-again/r",
            CorrelationData = new byte[] { 1, 2, 3, 4 },
        };
        Assert.True((await claim.PublishAsync(request)).IsSuccess);
        var first = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True((await claim.PublishAsync(request)).IsSuccess);
        var second = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        var accepted = JsonNode.Parse(first.Payload.Span)!.AsObject();
        Assert.True(accepted["certificateOwnershipToken"] is not null, accepted.ToJsonString());
        Assert.Equal(accepted.ToJsonString(), JsonNode.Parse(second.Payload.Span)!.ToJsonString());
        Assert.Equal([1, 2, 3, 4], second.CorrelationData.ToArray());
    }

    [Fact]
    public async Task Provision_SameRequestDeliveredTwice_SameAcceptedAnswerBothTimes_AnotherVinRejected()
    {
        const string vin = "WVW1TEST0000000003";
        const string otherVin = "WVW1TEST0000000004";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin, otherVin]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var claim = await ConnectAsync("claim-provision-again", fixture.ClaimCertificate);
        await using var requester = await MqttRequestClient.CreateAsync(claim, "twins/replies/claim-provision-again/r");
        var created = await RequestAsync(requester, "$aws/certificates/create-from-csr/json", new JsonObject { ["certificateSigningRequest"] = Csr("Vehicle_" + vin, key) });
        var token = created["certificateOwnershipToken"]!.GetValue<string>();
        var certificateId = created["certificateId"]!.GetValue<string>();
        JsonObject Provision(string forVin) => new()
        {
            ["certificateOwnershipToken"] = token,
            ["parameters"] = new JsonObject { ["vin"] = forVin },
        };

        // What the broker redelivers after the gateway crashed before its ack is the very same request.
        var first = await RequestAsync(requester, "$aws/provisioning-templates/twins-fleet/provision/json", Provision(vin));
        var second = await RequestAsync(requester, "$aws/provisioning-templates/twins-fleet/provision/json", Provision(vin));
        Assert.Equal("Vehicle_" + vin, first["thingName"]?.GetValue<string>());
        Assert.Equal(first.ToJsonString(), second.ToJsonString());

        // The same token for another vehicle is still refused, and changes nothing.
        var other = await RequestAsync(requester, "$aws/provisioning-templates/twins-fleet/provision/json", Provision(otherVin));
        Assert.Null(other["thingName"]);
        Assert.False(string.IsNullOrEmpty(other["errorCode"]?.GetValue<string>()), other.ToJsonString());
        var certificate = await fixture.Grains.GetGrain<ICertificateGrain>(certificateId).GetAsync();
        Assert.Equal("ACTIVE", certificate!.Status);
        Assert.Equal("Vehicle_" + vin, certificate.ThingName);
        Assert.Equal(certificateId, (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + vin).GetAsync()).ActiveCertificateId);
        Assert.Null((await fixture.Grains.GetGrain<IVehicleCertificatesGrain>("Vehicle_" + otherVin).GetAsync()).ActiveCertificateId);
    }

    [Fact]
    public async Task Reprovision_OldCertificateRevokedAfterNewOneConnects_BrokerRefusesOldOne()
    {
        const string vin = "WVW1TEST0000000002";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (oldId, oldPem, thingName) = await ProvisionAsync(vin, oldKey);
        using var oldCertificate = WithKey(oldPem, oldKey);
        await using (await ConnectAsync(thingName, oldCertificate))
        {
        }

        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (newId, newPem, _) = await ProvisionAsync(vin, newKey);
        Assert.Equal("INACTIVE", (await fixture.Grains.GetGrain<ICertificateGrain>(oldId).GetAsync())!.Status);

        await using (await ConnectAsync(thingName, WithKey(newPem, newKey)))
        {
            var revoked = await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).OnConnectedAsync(newId);
            Assert.Equal([oldId], revoked);
        }

        Assert.Equal("REVOKED", (await fixture.Grains.GetGrain<ICertificateGrain>(oldId).GetAsync())!.Status);
        Assert.True((await fixture.Grains.GetGrain<ICertificateGrain>(newId).GetAsync())!.HasConnectedOnce);

        // The CRL was rewritten and mosquitto reloaded it (SIGHUP): the old certificate's handshake now fails.
        await Poll.UntilAsync(() => _client.IsRefusedAsync(thingName, oldCertificate), "the broker refuses the revoked certificate");
        await using (await ConnectAsync(thingName, WithKey(newPem, newKey)))
        {
        }
    }

    private Task<(string CertificateId, string CertificatePem, string ThingName)> ProvisionAsync(string vin, ECDsa key) => _client.ProvisionAsync(vin, key);

    private static Task<JsonObject> RequestAsync(MqttRequestClient requester, string topic, JsonObject body) => ProvisioningClient.RequestAsync(requester, topic, body);

    private Task<MqttClient> ConnectAsync(string clientId, X509Certificate2 certificate) => _client.ConnectAsync(clientId, certificate);

    private static MqttApplicationMessage Message(string topic, string json) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(json),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };

    private static string Csr(string commonName, ECDsa key) => ProvisioningClient.Csr(commonName, key);

    private static X509Certificate2 WithKey(string pem, ECDsa key) => ProvisioningClient.WithKey(pem, key);
}
