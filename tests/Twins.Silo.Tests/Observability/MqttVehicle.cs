using System.Text.Json.Nodes;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;

namespace Twins.Silo.Tests.Observability;

/// <summary>A vehicle on the plain MQTT 5 listener (our client): publishes with user properties and reads what mosquitto delivers, properties included.</summary>
internal sealed class MqttVehicle : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly MqttMessageConsumer _messages;

    private MqttVehicle(string thing, MqttClient client, MqttMessageConsumer messages)
    {
        Thing = thing;
        _client = client;
        _messages = messages;
    }

    public string Thing { get; }

    public static async Task<MqttVehicle> ConnectAsync(int port, string thing, params string[] filters)
    {
        var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, port).WithClientId(thing).Build());
        var consumer = client.CreateConsumer(new MqttMessageConsumerOptions { Capacity = 1_000 });
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithConsumer(consumer);
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (filters.Length > 0)
        {
            await client.SubscribeAsync(subscribe.Build());
        }
        return new MqttVehicle(thing, client, consumer);
    }

    /// <summary>Publishes at QoS 1 with the given user properties and checks the broker acknowledged it.</summary>
    public async Task PublishAsync(string topic, string payload, params (string Name, string Value)[] userProperties)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        foreach (var (name, value) in userProperties)
        {
            message.WithUserProperty(name, value);
        }

        var result = await _client.PublishAsync(message.Build());
        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
    }

    /// <summary>Reports the vehicle connected (the lifecycle event the broker would send).</summary>
    public Task ReportConnectedAsync(long version) =>
        PublishAsync($"$aws/events/presence/connected/{Thing}", new JsonObject
        {
            ["clientId"] = Thing,
            ["timestamp"] = 1_700_000_000_000 + version,
            ["eventType"] = "connected",
            ["sessionIdentifier"] = $"session-{version}",
            ["principalIdentifier"] = "cert-1",
            ["versionNumber"] = version,
        }.ToJsonString());

    /// <summary>The next delivered message on <paramref name="topic"/> (others are skipped), within the poll deadline.</summary>
    public async Task<MqttApplicationMessage> NextAsync(Func<string, bool> topic, string what)
    {
        using var deadline = new CancellationTokenSource(Poll.DefaultTimeout);
        try
        {
            while (true)
            {
                var received = await _messages.ReadAsync(deadline.Token);
                received.Acknowledge();
                if (topic(received.ApplicationMessage.Topic))
                {
                    return received.ApplicationMessage;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} within {Poll.DefaultTimeout.TotalSeconds} s.");
        }
    }

    public static string? UserProperty(MqttApplicationMessage message, string name) =>
        message.UserProperties.SingleOrDefault(p => p.Name == name)?.Value;

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
