using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>
/// A vehicle written with MQTTnet 5.2 (neither our client nor paho) against a running silo: its connected event and
/// Will, a shadow update and get with their accepted replies, and a command request answered on its Response Topic
/// with its Correlation Data.
/// </summary>
public sealed class MqttNetVehicleEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string Thing = "car-mqttnet-1";

    [Fact]
    public async Task MqttNetVehicle_ShadowUpdateAndGet_CommandAnswered_WillMarksItDisconnected()
    {
        var received = Channel.CreateUnbounded<MqttApplicationMessage>();
        using var vehicle = new MqttClientFactory().CreateMqttClient();
        vehicle.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await vehicle.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, silo.Broker.Port)
            .WithClientId(Thing)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithWillTopic($"$aws/events/presence/disconnected/{Thing}")
            .WithWillPayload(Plan.Lifecycle(Thing, "disconnected", 1, silo.Time.GetUtcNow().ToUnixTimeMilliseconds(), "CONNECTION_LOST"))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await vehicle.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"$aws/things/{Thing}/shadow/update/accepted", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter($"$aws/things/{Thing}/shadow/get/accepted", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter($"$aws/commands/things/{Thing}/executions/+/request/json", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await PublishAsync(vehicle, $"$aws/events/presence/connected/{Thing}", Plan.Lifecycle(Thing, "connected", 1, silo.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the MQTTnet vehicle's connected event");

        await PublishAsync(vehicle, $"$aws/things/{Thing}/shadow/update", """{"state":{"reported":{"speed":42}},"clientToken":"mqttnet-1"}""");
        var accepted = await NextAsync(received, m => m.Topic.EndsWith("/shadow/update/accepted", StringComparison.Ordinal));
        await PublishAsync(vehicle, $"$aws/things/{Thing}/shadow/get", "");
        var document = await NextAsync(received, m => m.Topic.EndsWith("/shadow/get/accepted", StringComparison.Ordinal));

        Assert.Equal("mqttnet-1", (string?)accepted["clientToken"]);
        Assert.Equal(42, (int)document["state"]!["reported"]!["speed"]!);
        Assert.Equal((int)accepted["version"]!, (int)document["version"]!);

        var sent = await silo.Vehicle(Thing).SendCommandAsync(new CommandRequest("exec-mqttnet", "unlock", """{"door":"driver"}""", silo.Time.GetUtcNow().AddSeconds(120)));
        Assert.Equal(CommandExecutionStatus.Created, sent.Execution!.Status);
        var request = await NextMessageAsync(received, m => m.Topic.EndsWith("/request/json", StringComparison.Ordinal));
        Assert.Equal($"$aws/commands/things/{Thing}/executions/exec-mqttnet/response/json", request.ResponseTopic);
        Assert.Equal("exec-mqttnet", Encoding.UTF8.GetString(request.CorrelationData));
        Assert.InRange(request.MessageExpiryInterval, 100u, 120u);
        Assert.Equal("driver", (string?)JsonNode.Parse(Encoding.UTF8.GetString(request.Payload))!["parameters"]!["door"]);
        await vehicle.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(request.ResponseTopic).WithCorrelationData(request.CorrelationData)
            .WithPayload("""{"status":"SUCCEEDED","result":{"ok":true}}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetCommandAsync("exec-mqttnet"))!.Status == CommandExecutionStatus.Succeeded, "the MQTTnet vehicle's result");

        await vehicle.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build());
        await Poll.UntilAsync(async () => !(await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the MQTTnet vehicle's Will to mark it disconnected");
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private static async Task<JsonNode> NextAsync(Channel<MqttApplicationMessage> received, Func<MqttApplicationMessage, bool> match) =>
        JsonNode.Parse(Encoding.UTF8.GetString((await NextMessageAsync(received, match)).Payload))!;

    private static async Task<MqttApplicationMessage> NextMessageAsync(Channel<MqttApplicationMessage> received, Func<MqttApplicationMessage, bool> match)
    {
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        while (true)
        {
            var message = await received.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }
}
