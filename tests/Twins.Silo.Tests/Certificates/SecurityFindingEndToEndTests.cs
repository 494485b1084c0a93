using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Interfaces.Certificates;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using Xunit;

namespace Twins.Silo.Tests.Certificates;

/// <summary>
/// Security findings fed from the lifecycle events the gateway receives (real mosquitto, real silo): the
/// events are published the way a broker with lifecycle events would, and a finding starts a rotation of
/// the certificate's owner with the trigger SecurityFinding.
/// </summary>
public sealed class SecurityFindingEndToEndTests(MtlsSiloFixture fixture) : IClassFixture<MtlsSiloFixture>
{
    [Fact]
    public async Task LifecycleEvents_CertificateConnectedUnderTwoClientIds_RotationStartedForItsOwner()
    {
        var (certificateId, thingName) = await ProvisionAsync("WVW1FINDING0000001");
        await using var broker = await ConnectBrokerAsync();
        await PublishAsync(broker, thingName, "connected", certificateId, version: 1);
        Assert.Null(await fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName).GetRotationAsync());

        // A copy of the certificate connects under another client id while the vehicle is online.
        await PublishAsync(broker, "Vehicle_WVW1CLONE000000001", "connected", certificateId, version: 1);

        var rotation = await RotationAsync(thingName);
        Assert.Equal("SecurityFinding", rotation.Trigger);
        Assert.Equal(certificateId, rotation.OldCertificateId);
        Assert.Contains(thingName, rotation.TriggerReason, StringComparison.Ordinal);
        Assert.Contains("Vehicle_WVW1CLONE000000001", rotation.TriggerReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LifecycleEvents_DuplicateClientIdDisconnectStorm_RotationStartedForItsOwner()
    {
        var (certificateId, thingName) = await ProvisionAsync("WVW1FINDING0000002");
        await using var broker = await ConnectBrokerAsync();
        for (var version = 1; version <= 5; version++)
        {
            await PublishAsync(broker, thingName, "connected", certificateId, version);
            await PublishAsync(broker, thingName, "disconnected", certificateId, version, "DUPLICATE_CLIENTID");
        }

        var rotation = await RotationAsync(thingName);
        Assert.Equal("SecurityFinding", rotation.Trigger);
        Assert.Contains("DUPLICATE_CLIENTID", rotation.TriggerReason, StringComparison.Ordinal);
    }

    private async Task<RotationInfo> RotationAsync(string thingName)
    {
        var grain = fixture.Grains.GetGrain<IVehicleCertificatesGrain>(thingName);
        await Poll.UntilAsync(async () => await grain.GetRotationAsync() is not null, "a rotation starts");
        return (await grain.GetRotationAsync())!;
    }

    private async Task<(string CertificateId, string ThingName)> ProvisionAsync(string vin)
    {
        await fixture.Grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey).AddAsync([vin]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (certificateId, _, thingName) = await new ProvisioningClient(fixture).ProvisionAsync(vin, key);
        return (certificateId, thingName);
    }

    /// <summary>The broker's own side (the loopback listener): where a broker with lifecycle events publishes them.</summary>
    private async Task<MqttClient> ConnectBrokerAsync()
    {
        var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptions { Host = "127.0.0.1", Port = fixture.Broker.Port, ClientId = "lifecycle-" + Guid.NewGuid().ToString("N")[..8] });
        return client;
    }

    /// <summary>Publishes one lifecycle event and waits until the twin applied it, so the events stay in order.</summary>
    private async Task PublishAsync(MqttClient client, string clientId, string eventType, string certificateId, long version, string? reason = null)
    {
        var body = new JsonObject
        {
            ["clientId"] = clientId,
            ["timestamp"] = 1_700_000_000_000 + version,
            ["eventType"] = eventType,
            ["sessionIdentifier"] = "s" + version.ToString(CultureInfo.InvariantCulture),
            ["principalIdentifier"] = certificateId,
            ["versionNumber"] = version,
        };
        if (reason is not null)
        {
            body["clientInitiatedDisconnect"] = false;
            body["disconnectReason"] = reason;
        }

        var result = await client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"$aws/events/presence/{eventType}/{clientId}",
            Payload = Encoding.UTF8.GetBytes(body.ToJsonString()),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        });
        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        var vehicle = fixture.Grains.GetGrain<Twins.Grains.Interfaces.Vehicles.IVehicleGrain>(clientId);
        await Poll.UntilAsync(
            async () => await vehicle.GetConnectionAsync() is { } c && c.VersionNumber == version && c.Connected == (eventType == "connected"),
            $"the {eventType} event {version} of {clientId} is applied");
    }
}
