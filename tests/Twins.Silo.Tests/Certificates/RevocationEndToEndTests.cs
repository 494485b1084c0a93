using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>
/// A certificate revoked while its vehicle is connected with it (real mosquitto on mTLS, real silo): the
/// vehicle is asked to disconnect; if it does not within the grace period, the gateway takes its session
/// over; either way its reconnect with the revoked certificate fails the TLS handshake (CRL).
/// </summary>
public sealed class RevocationEndToEndTests(MtlsSiloFixture fixture) : IClassFixture<MtlsSiloFixture>
{
    [Fact]
    public async Task Revoke_ConnectedVehicleDisconnectsWhenAsked_EndedWithoutTakeoverAndCannotReconnect()
    {
        var (certificateId, thingName, certificate) = await ProvisionAsync("WVW1REVOKE00000001");
        using (certificate)
        {
            var asked = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var vehicle = await ConnectVehicleAsync(thingName, certificateId, certificate, async (client, request, responseTopic) =>
            {
                // A cooperative vehicle: confirms, says it is leaving, and disconnects.
                await client.PublishAsync(Message(responseTopic, """{"status":"SUCCEEDED"}"""));
                await client.PublishAsync(Message($"$aws/events/presence/disconnected/{thingName}", Disconnected(thingName, certificateId, "CLIENT_INITIATED_DISCONNECT")));
                await client.DisconnectAsync();
                asked.TrySetResult(request);
            });

            var revoked = await fixture.Grains.GetGrain<ICertificateGrain>(certificateId).RevokeAsync("operator: key compromise suspected");
            Assert.True(revoked.Succeeded, revoked.ErrorMessage);

            var request = await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("disconnect", request["command"]!.GetValue<string>());
            Assert.Equal(certificateId, request["parameters"]!["certificateId"]!.GetValue<string>());
            Assert.False(vehicle.IsConnected);
            await Poll.UntilAsync(async () => !(await Vehicle(thingName).GetConnectionAsync()).Connected, "the vehicle's disconnected event is applied");

            fixture.Time.Advance(MtlsSiloFixture.RevokedConnectionGrace);
            var info = await EndedAsync(certificateId, "the grace-period check records the connection's end");
            Assert.False(info.ConnectionTakenOver);
            Assert.NotNull(info.DisconnectRequestedAt);
            Assert.True(await new ProvisioningClient(fixture).IsRefusedAsync(thingName, certificate));
        }
    }

    [Fact]
    public async Task Revoke_ConnectedVehicleIgnoresRequest_GatewayTakesSessionOverAndVehicleCannotReconnect()
    {
        var (certificateId, thingName, certificate) = await ProvisionAsync("WVW1REVOKE00000002");
        using (certificate)
        {
            var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var dropped = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var vehicle = await ConnectVehicleAsync(thingName, certificateId, certificate, (_, _, _) =>
            {
                // A vehicle that does not cooperate (compromised, or firmware without the command).
                asked.TrySetResult();
                return Task.CompletedTask;
            });
            vehicle.DisconnectedAsync += e =>
            {
                dropped.TrySetResult(e);
                return Task.CompletedTask;
            };

            Assert.True((await fixture.Grains.GetGrain<ICertificateGrain>(certificateId).RevokeAsync("operator: stolen vehicle")).Succeeded);
            await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(vehicle.IsConnected);

            fixture.Time.Advance(MtlsSiloFixture.RevokedConnectionGrace);
            var disconnect = await dropped.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // mosquitto 2.0 closes the taken-over connection without a DISCONNECT 0x8E; the vehicle did not end it.
            Assert.NotEqual(MqttDisconnectSource.Client, disconnect.Source);
            Assert.False(vehicle.IsConnected);
            var info = await EndedAsync(certificateId, "the takeover is recorded");
            Assert.True(info.ConnectionTakenOver);

            // The broker published the vehicle's will (its disconnected event), so the twin shows it offline.
            await Poll.UntilAsync(async () => !(await Vehicle(thingName).GetConnectionAsync()).Connected, "the vehicle's will is applied");
            Assert.True(await new ProvisioningClient(fixture).IsRefusedAsync(thingName, certificate));
        }
    }

    private async Task<CertificateInfo> EndedAsync(string certificateId, string what)
    {
        var certificate = fixture.Grains.GetGrain<ICertificateGrain>(certificateId);
        await Poll.UntilAsync(async () => (await certificate.GetAsync())?.ConnectionEndedAt is not null, what);
        return (await certificate.GetAsync())!;
    }

    private IVehicleGrain Vehicle(string thingName) => fixture.Grains.GetGrain<IVehicleGrain>(thingName);

    private async Task<(string CertificateId, string ThingName, X509Certificate2 Certificate)> ProvisionAsync(string vin)
    {
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (certificateId, pem, thingName) = await new ProvisioningClient(fixture).ProvisionAsync(vin, key);
        return (certificateId, thingName, ProvisioningClient.WithKey(pem, key));
    }

    /// <summary>Connects as the vehicle (will = its disconnected event), reports itself connected, and hands every command request to <paramref name="onCommand"/>.</summary>
    private async Task<MqttClient> ConnectVehicleAsync(string thingName, string certificateId, X509Certificate2 certificate, Func<MqttClient, JsonObject, string, Task> onCommand)
    {
        var will = Message($"$aws/events/presence/disconnected/{thingName}", Disconnected(thingName, certificateId, "CONNECTION_LOST"));
        var vehicle = await new ProvisioningClient(fixture).ConnectAsync(thingName, certificate, will, reconnect: false);
        await vehicle.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"$aws/commands/things/{thingName}/executions/+/request/json", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        _ = Task.Run(async () =>
        {
            await foreach (var received in vehicle.ApplicationMessages.ReadAllAsync())
            {
                received.Acknowledge();
                await onCommand(vehicle, JsonNode.Parse(received.ApplicationMessage.Payload.Span)!.AsObject(), received.ApplicationMessage.ResponseTopic!);
            }
        });
        var connected = await vehicle.PublishAsync(Message($"$aws/events/presence/connected/{thingName}", new JsonObject
        {
            ["clientId"] = thingName,
            ["timestamp"] = 1_700_000_000_000,
            ["eventType"] = "connected",
            ["sessionIdentifier"] = "s1",
            ["principalIdentifier"] = certificateId,
            ["ipAddress"] = "127.0.0.1",
            ["versionNumber"] = 1,
        }.ToJsonString()));
        Assert.True(connected.IsSuccess, connected.ReasonCode.ToString());
        await Poll.UntilAsync(
            async () => await Vehicle(thingName).GetConnectionAsync() is { Connected: true } c && c.PrincipalIdentifier == certificateId,
            "the twin shows the vehicle connected with its certificate");
        return vehicle;
    }

    private static string Disconnected(string thingName, string certificateId, string reason) => new JsonObject
    {
        ["clientId"] = thingName,
        ["timestamp"] = 1_700_000_001_000,
        ["eventType"] = "disconnected",
        ["sessionIdentifier"] = "s1",
        ["principalIdentifier"] = certificateId,
        ["clientInitiatedDisconnect"] = reason == "CLIENT_INITIATED_DISCONNECT",
        ["disconnectReason"] = reason,
        ["versionNumber"] = 1,
    }.ToJsonString();

    private static MqttApplicationMessage Message(string topic, string json) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(json),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };
}
