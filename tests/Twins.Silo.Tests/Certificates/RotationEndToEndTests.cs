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

/// <summary>Certificate rotation end to end: the silo sends rotate-certificate and install-certificate through the vehicle's command path; the vehicle (libs/Mqtt on mTLS) answers, reconnects with the new certificate, and the old one is refused by the broker.</summary>
public sealed class RotationEndToEndTests(MtlsSiloFixture fixture) : IClassFixture<MtlsSiloFixture>
{
    [Fact]
    public async Task Rotate_VehicleAnswersAndReconnects_CompletesAndBrokerRefusesOldCertificate()
    {
        const string vin = "WVW1ROTATE00000001";
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var provisioning = new ProvisioningClient(fixture);
        var (oldId, oldPem, thingName) = await provisioning.ProvisionAsync(vin, oldKey);
        using var oldCertificate = ProvisioningClient.WithKey(oldPem, oldKey);

        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var installed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var vehicle = await provisioning.ConnectAsync(thingName, oldCertificate))
        {
            await vehicle.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"$aws/commands/things/{thingName}/executions/+/request/json", MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await PublishConnectedAsync(vehicle, thingName, oldId, version: 1);
            _ = Task.Run(async () =>
            {
                await foreach (var received in vehicle.ApplicationMessages.ReadAllAsync())
                {
                    var request = JsonNode.Parse(received.ApplicationMessage.Payload.Span)!.AsObject();
                    var result = new JsonObject();
                    if (request["command"]!.GetValue<string>() == "rotate-certificate")
                    {
                        result["certificateSigningRequest"] = new CertificateRequest("CN=" + thingName, newKey, HashAlgorithmName.SHA256).CreateSigningRequestPem();
                    }
                    else
                    {
                        installed.TrySetResult(request["parameters"]!["certificatePem"]!.GetValue<string>());
                    }

                    var topic = received.ApplicationMessage.ResponseTopic!;
                    await vehicle.PublishAsync(Message(topic, new JsonObject { ["status"] = "SUCCEEDED", ["result"] = result }.ToJsonString()));
                    received.Acknowledge();
                }
            });

            var started = await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).RotateAsync("test");
            Assert.Equal(oldId, started!.OldCertificateId);
            var newPem = await installed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Poll.UntilAsync(
                async () => (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetRotationAsync())!.Step == "AwaitingReconnect",
                "the install-certificate response is applied");

            // Reconnect with the new certificate; the connected event's principalIdentifier confirms it.
            await using var renewed = await provisioning.ConnectAsync(thingName, ProvisioningClient.WithKey(newPem, newKey));
            var rotation = await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetRotationAsync();
            await PublishConnectedAsync(renewed, thingName, rotation!.NewCertificateId!, version: 2);
            await Poll.UntilAsync(
                async () => (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetRotationAsync())!.Step == "Completed",
                "the rotation completes");
        }

        var finished = (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetRotationAsync())!;
        Assert.Equal("REVOKED", (await fixture.Grains.GetGrain<ICertificateGrain>(oldId).GetAsync())!.Status);
        Assert.Equal("ACTIVE", (await fixture.Grains.GetGrain<ICertificateGrain>(finished.NewCertificateId!).GetAsync())!.Status);
        Assert.Equal(finished.NewCertificateId, (await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetAsync()).ActiveCertificateId);
        await Poll.UntilAsync(() => provisioning.IsRefusedAsync(thingName, oldCertificate), "the broker refuses the old certificate");
    }

    private static async Task PublishConnectedAsync(MqttClient client, string thingName, string certificateId, long version)
    {
        var result = await client.PublishAsync(Message($"$aws/events/presence/connected/{thingName}", new JsonObject
        {
            ["clientId"] = thingName,
            ["timestamp"] = 1_700_000_000_000 + version,
            ["eventType"] = "connected",
            ["sessionIdentifier"] = Guid.NewGuid().ToString(),
            ["principalIdentifier"] = certificateId,
            ["ipAddress"] = "127.0.0.1",
            ["versionNumber"] = version,
        }.ToJsonString()));
        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
    }

    private static MqttApplicationMessage Message(string topic, string json) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(json),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };
}
