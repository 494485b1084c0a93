using System.Text;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;

namespace Twins.Simulator.Tests;

/// <summary>A stand-in for the Twins side of the contract: a plain MQTT client that watches a vehicle's topics and talks to it.</summary>
internal sealed class CloudSide : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly MqttMessageConsumer _consumer;

    private CloudSide(MqttClient client, MqttMessageConsumer consumer)
    {
        Client = client;
        _consumer = consumer;
    }

    public MqttClient Client { get; }

    public static async Task<CloudSide> ConnectAsync(MosquittoBroker broker, params string[] filters)
    {
        var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, broker.Port)
            .WithClientId("cloud-" + Guid.NewGuid().ToString("N")[..12]).Build());
        var consumer = client.CreateConsumer(new MqttMessageConsumerOptions { Capacity = 10_000 });
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithConsumer(consumer);
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build());
        return new CloudSide(client, consumer);
    }

    /// <summary>The next message whose topic ends with <paramref name="topicSuffix"/> (others are skipped).</summary>
    public Task<MqttApplicationMessage> NextAsync(string topicSuffix) =>
        NextAsync(topic => topic.EndsWith(topicSuffix, StringComparison.Ordinal), $"a topic ending with '{topicSuffix}'");

    /// <summary>The next message whose topic matches (others are skipped).</summary>
    public async Task<MqttApplicationMessage> NextAsync(Func<string, bool> topicMatches, string what)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            MqttReceivedMessage received;
            try
            {
                received = await _consumer.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No message on {what} within {Wait.TotalSeconds} s.");
            }

            if (topicMatches(received.ApplicationMessage.Topic))
            {
                return received.ApplicationMessage;
            }
        }
    }

    public async Task<JsonElement> NextJsonAsync(string topicSuffix) => Json(await NextAsync(topicSuffix));

    public static JsonElement Json(MqttApplicationMessage message) => JsonDocument.Parse(message.Payload).RootElement.Clone();

    public Task PublishAsync(string topic, string payload, string? responseTopic = null, string? correlation = null)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            builder.WithResponseTopic(responseTopic);
        }

        if (correlation is not null)
        {
            builder.WithCorrelationData(Encoding.UTF8.GetBytes(correlation));
        }

        return Client.PublishAsync(builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        _consumer.Dispose();
        await Client.DisposeAsync();
    }
}
