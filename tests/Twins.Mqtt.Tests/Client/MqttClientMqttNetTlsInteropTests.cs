using System.Security.Cryptography.X509Certificates;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;
using Net = MQTTnet;
using NetQos = MQTTnet.Protocol.MqttQualityOfServiceLevel;

namespace Twins.Mqtt.Tests.Client;

/// <summary>MQTTnet 5.2 and our client side by side on mosquitto's mutual-TLS listener, trusting the same test CA.</summary>
public sealed class MqttClientMqttNetTlsInteropTests : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    private MosquittoBroker Broker => _broker!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    [Fact]
    public async Task MutualTls_MqttNetWithClientCertificate_ExchangesMessagesWithOurClient()
    {
        using var peerCertificate = Broker.Certificates!.IssueClient("Vehicle_MQTTNET1");
        using var ourCertificate = Broker.Certificates.IssueClient("Vehicle_TWINS1");
        await using var peer = await MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.TlsPort!.Value, "Vehicle_MQTTNET1", b => b.WithTlsOptions(Tls(peerCertificate)));
        await peer.SubscribeAsync("interop/tls/to-mqttnet", NetQos.AtLeastOnce);
        await using var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, Broker.TlsPort!.Value)
            .WithTls(Broker.Certificates.Authority, ourCertificate).WithClientId("Vehicle_TWINS1").WithoutReconnect().Build());
        var consumer = await SubscribeAsync(client, "interop/tls/to-twins");

        await peer.Client.PublishAsync(new Net.MqttApplicationMessageBuilder().WithTopic("interop/tls/to-twins").WithPayload("from mqttnet over mtls").WithQualityOfServiceLevel(NetQos.AtLeastOnce).Build());
        await client.PublishAsync(Message("interop/tls/to-mqttnet", "from twins over mtls"));

        Assert.Equal("from mqttnet over mtls", (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
        Assert.Equal("from twins over mtls", MqttNetPeer.Text(await peer.ReceiveAsync()));
    }

    [Fact]
    public async Task MutualTls_MqttNetWithoutClientCertificate_IsRefused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => MqttNetPeer.ConnectAsync(MosquittoBroker.Host, Broker.TlsPort!.Value, "Vehicle_MQTTNET_NOCERT", b => b.WithTlsOptions(Tls(null))));
    }

    private Action<Net.MqttClientTlsOptionsBuilder> Tls(X509Certificate2? clientCertificate) => tls =>
    {
        tls.UseTls().WithTrustChain([Broker.Certificates!.Authority]).WithTargetHost(MosquittoBroker.Host);
        if (clientCertificate is not null)
        {
            tls.WithClientCertificates([clientCertificate]);
        }
    };
}
