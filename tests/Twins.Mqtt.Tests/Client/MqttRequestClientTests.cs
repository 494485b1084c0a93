using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

public sealed class MqttRequestClientTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    [Fact]
    public async Task RequestAsync_ResponderEchoesCorrelationData_ReturnsReply()
    {
        var thing = $"Vehicle_{Guid.NewGuid():N}"[..20];
        await using var vehicle = await ConnectAsync(Broker, thing);
        var requests = await SubscribeAsync(vehicle, $"$aws/commands/things/{thing}/executions/+/request/json");
        var responder = Task.Run(async () =>
        {
            var request = (await requests.ReceiveAsync()).ApplicationMessage;
            await vehicle.PublishAsync(new MqttApplicationMessageBuilder().WithResponseTo(request).WithPayload("{\"status\":\"SUCCEEDED\"}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        });
        await using var gateway = await ConnectAsync(Broker, NewId("gw"));
        await using var requester = await MqttRequestClient.CreateAsync(gateway, $"$aws/commands/things/{thing}/executions/e1/response/json");

        var reply = await requester.RequestAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"$aws/commands/things/{thing}/executions/e1/request/json")
            .WithPayload("{\"command\":\"lock\"}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithCorrelationData("e1"u8.ToArray())
            .WithMessageExpiryInterval(30)
            .Build(), TimeSpan.FromSeconds(20));
        await responder;

        Assert.Equal("{\"status\":\"SUCCEEDED\"}", reply.ConvertPayloadToString());
        Assert.Equal("e1"u8.ToArray(), reply.CorrelationData.ToArray());
    }

    [Fact]
    public async Task RequestAsync_NobodyAnswers_TimesOutOnTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        await using var gateway = await ConnectAsync(Broker, NewId("gw"), b => b.WithTimeProvider(clock));
        await using var requester = await MqttRequestClient.CreateAsync(gateway, $"test/replies/{Guid.NewGuid():N}");

        var pending = requester.RequestAsync(Message($"test/void/{Guid.NewGuid():N}", "hello?"), TimeSpan.FromSeconds(5));
        // The client's keep-alive timer is on the clock too, and the request's timeout timer is armed only
        // after its publish completed: advance in 5 s steps until the request gives up, not just once.
        await Poll.UntilAsync(() =>
        {
            if (clock.PendingTimerCount >= 1 && gateway.InflightCount == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
            }

            return pending.IsCompleted;
        }, "the request to time out");

        await Assert.ThrowsAsync<TimeoutException>(() => pending);
    }
}
