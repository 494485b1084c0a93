using System.Security.Cryptography.X509Certificates;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

/// <summary>Mutual TLS against mosquitto with a test CA, and a CRL that rejects a revoked certificate after reload.</summary>
public sealed class MqttClientTlsTests : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    private MosquittoBroker Broker => _broker!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true, UseCrl = true });

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    private MqttClientOptions TlsOptions(string clientId, X509Certificate2? clientCertificate, X509Certificate2? authority = null) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, Broker.TlsPort!.Value)
            .WithTls(authority ?? Broker.Certificates!.Authority, clientCertificate)
            .WithClientId(clientId)
            .WithoutReconnect()
            .Build();

    [Fact]
    public async Task ConnectAsync_WithClientCertificate_PublishesAndReceivesOverMutualTls()
    {
        using var certificate = Broker.Certificates!.IssueClient("Vehicle_TLS1");
        await using var client = new MqttClient();
        var result = await client.ConnectAsync(TlsOptions("Vehicle_TLS1", certificate));
        var consumer = await SubscribeAsync(client, "twins/vehicles/Vehicle_TLS1/critical");

        await client.PublishAsync(Message("twins/vehicles/Vehicle_TLS1/critical", "over tls"));

        Assert.Equal(MqttReasonCode.Success, result.ResultCode);
        Assert.Equal("over tls", (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
    }

    [Fact]
    public async Task ConnectAsync_RevokedCertificate_IsRejectedOnceTheBrokerReloadsItsCrl()
    {
        using var revoked = Broker.Certificates!.IssueClient("Vehicle_Old");
        using var current = Broker.Certificates.IssueClient("Vehicle_New");
        await using (var before = new MqttClient())
        {
            await before.ConnectAsync(TlsOptions("Vehicle_Old", revoked));
        }

        Broker.Certificates.Revoke(revoked);
        Broker.Reload();

        await Poll.UntilAsync(async () =>
        {
            await using var attempt = new MqttClient();
            try
            {
                await attempt.ConnectAsync(TlsOptions("Vehicle_Old", revoked));
                return false;
            }
            catch (MqttConnectingFailedException)
            {
                return true;
            }
        }, "the revoked certificate to be refused");
        await using var fresh = new MqttClient();
        var result = await fresh.ConnectAsync(TlsOptions("Vehicle_New", current));
        Assert.Equal(MqttReasonCode.Success, result.ResultCode);
    }

    [Fact]
    public async Task ConnectAsync_WithoutClientCertificate_IsRefused()
    {
        await using var client = new MqttClient();
        await Assert.ThrowsAsync<MqttConnectingFailedException>(() => client.ConnectAsync(TlsOptions("Vehicle_NoCert", null)));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_ServerFromAnotherAuthority_IsNotTrusted()
    {
        using var otherAuthority = new TestCertificates(Path.Combine(Broker.Directory, "other-ca"));
        using var certificate = Broker.Certificates!.IssueClient("Vehicle_Trust");
        await using var client = new MqttClient();

        await Assert.ThrowsAsync<MqttConnectingFailedException>(() => client.ConnectAsync(TlsOptions("Vehicle_Trust", certificate, otherAuthority.Authority)));
    }
}
