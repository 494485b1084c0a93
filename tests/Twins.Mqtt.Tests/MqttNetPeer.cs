using System.Text;
using MQTTnet.Packets;
using Net = MQTTnet;

namespace Twins.Mqtt.Tests;

/// <summary>An MQTTnet 5 client (a peer not written here) connected to the test broker, with its received messages queued.</summary>
internal sealed class MqttNetPeer : IAsyncDisposable
{
    private readonly System.Threading.Channels.Channel<Net.MqttApplicationMessage> _received = System.Threading.Channels.Channel.CreateUnbounded<Net.MqttApplicationMessage>();

    private MqttNetPeer(Net.IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public Net.IMqttClient Client { get; }

    public static async Task<MqttNetPeer> ConnectAsync(string host, int port, string clientId, Func<Net.MqttClientOptionsBuilder, Net.MqttClientOptionsBuilder>? configure = null)
    {
        var client = new Net.MqttClientFactory().CreateMqttClient();
        var peer = new MqttNetPeer(client);
        var builder = new Net.MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(Net.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart();
        using var timeout = new CancellationTokenSource(MqttTestClients.Wait);
        var result = await client.ConnectAsync((configure?.Invoke(builder) ?? builder).Build(), timeout.Token);
        Assert.Equal(Net.MqttClientConnectResultCode.Success, result.ResultCode);
        return peer;
    }

    public async Task SubscribeAsync(string filter, Net.Protocol.MqttQualityOfServiceLevel qos)
    {
        var result = await Client.SubscribeAsync(new Net.MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build());
        Assert.All(result.Items, item => Assert.True((int)item.ResultCode < 0x80, $"MQTTnet subscribe {filter}: {item.ResultCode}"));
    }

    public async Task<Net.MqttApplicationMessage> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(MqttTestClients.Wait);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The payload as UTF-8 text.</summary>
    public static string Text(Net.MqttApplicationMessage message) => Encoding.UTF8.GetString(message.Payload);

    /// <summary>The user properties as <c>name=value</c>, in order.</summary>
    public static IEnumerable<string> UserProperties(Net.MqttApplicationMessage message) =>
        (message.UserProperties ?? []).Select(p => $"{p.Name}={p.ReadValueAsString()}");

    /// <summary>A UTF-8 user property value, as MQTTnet 5 takes it.</summary>
    public static ReadOnlyMemory<byte> Utf8(string value) => Encoding.UTF8.GetBytes(value);

    public bool TryReceive(out Net.MqttApplicationMessage? message) => _received.Reader.TryRead(out message);

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new Net.MqttClientDisconnectOptionsBuilder().Build());
        }

        Client.Dispose();
    }
}
