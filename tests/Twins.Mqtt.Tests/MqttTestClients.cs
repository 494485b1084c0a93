using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;

namespace Twins.Mqtt.Tests;

/// <summary>Builds clients for the test broker with unique client ids and fast reconnects.</summary>
internal static class MqttTestClients
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    public static MqttClientOptionsBuilder Options(MosquittoBroker broker, string clientId, int? port = null) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, port ?? broker.Port)
            .WithClientId(clientId)
            .WithReconnect(new MqttReconnectOptions { MinimumDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromMilliseconds(200) });

    public static async Task<MqttClient> ConnectAsync(MosquittoBroker broker, string clientId, Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClient();
        var builder = Options(broker, clientId);
        await client.ConnectAsync((configure?.Invoke(builder) ?? builder).Build());
        return client;
    }

    public static async Task<MqttMessageConsumer> SubscribeAsync(MqttClient client, string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool autoAck = true)
    {
        var consumer = client.CreateConsumer(new MqttMessageConsumerOptions { AutoAcknowledge = autoAck });
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).WithConsumer(consumer).Build());
        Assert.All(result.Items, item => Assert.True((int)item.ReasonCode < 0x80, $"subscribe {item.Filter.Topic}: {item.ReasonCode}"));
        return consumer;
    }

    public static async Task<MqttReceivedMessage> ReceiveAsync(this MqttMessageConsumer consumer)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await consumer.ReadAsync(timeout.Token);
    }

    public static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build();
}
