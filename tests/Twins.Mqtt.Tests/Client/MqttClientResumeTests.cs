using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

/// <summary>
/// A fault-injecting proxy cuts the connection at each step of the QoS 1 and QoS 2 flows; after the
/// client reconnects and resumes its session every message arrives exactly as its QoS promises.
/// </summary>
public sealed class MqttClientResumeTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private const byte Publish = 3, PubAck = 4, PubRec = 5, PubRel = 6, PubComp = 7;

    private MosquittoBroker Broker => fixture.Broker;

    private async Task<MqttClient> ConnectThroughAsync(FaultProxy proxy, string clientId)
    {
        var client = new MqttClient();
        await client.ConnectAsync(Options(Broker, clientId, proxy.Port).WithSessionExpiryInterval(300).Build());
        return client;
    }

    /// <summary>Reads until the marker arrives and returns how often <paramref name="payload"/> was delivered.</summary>
    private static async Task<int> CountUntilMarkerAsync(MqttMessageConsumer consumer, string payload)
    {
        var copies = 0;
        while (true)
        {
            var text = (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString();
            if (text == "marker")
            {
                return copies;
            }

            copies += text == payload ? 1 : 0;
        }
    }

    [Theory]
    [InlineData(ProxyDirection.ToBroker, Publish, false)]
    [InlineData(ProxyDirection.ToBroker, Publish, true)]
    [InlineData(ProxyDirection.ToClient, PubRec, false)]
    [InlineData(ProxyDirection.ToClient, PubRec, true)]
    [InlineData(ProxyDirection.ToBroker, PubRel, false)]
    [InlineData(ProxyDirection.ToBroker, PubRel, true)]
    [InlineData(ProxyDirection.ToClient, PubComp, false)]
    [InlineData(ProxyDirection.ToClient, PubComp, true)]
    public async Task PublishQoS2_ConnectionCutAtEachStep_DeliveredExactlyOnce(ProxyDirection direction, byte packetType, bool afterForward)
    {
        var topic = $"test/resume2/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, $"{topic}/#", MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await ConnectThroughAsync(proxy, NewId("pub2"));

        proxy.CutOnce(direction, packetType, afterForward);
        var result = await publisher.PublishAsync(Message(topic, "once", MqttQualityOfServiceLevel.ExactlyOnce)).WaitAsync(Wait);
        await publisher.PublishAsync(Message($"{topic}/marker", "marker", MqttQualityOfServiceLevel.ExactlyOnce)).WaitAsync(Wait);

        Assert.True(result.IsSuccess);
        Assert.False(proxy.CutPending);
        Assert.Equal(2, proxy.Connections);
        Assert.Equal(1, await CountUntilMarkerAsync(consumer, "once"));
        var sent = proxy.FramesOf(ProxyDirection.ToBroker, Publish).Where(f => FaultProxy.TopicOf(f) == topic).ToList();
        if (packetType == Publish || (packetType == PubRec && !afterForward))
        {
            // Resent once, with DUP set, under the same packet id.
            Assert.Equal(2, sent.Count);
            Assert.Equal(0x08, sent[1][0] & 0x08);
        }
        else
        {
            // Never a PUBLISH after its PUBREL: only the PUBREL is repeated.
            Assert.Single(sent);
            Assert.True(proxy.FramesOf(ProxyDirection.ToBroker, PubRel).Count() >= 2);
        }
    }

    [Theory]
    [InlineData(ProxyDirection.ToBroker, Publish, false)]
    [InlineData(ProxyDirection.ToBroker, Publish, true)]
    [InlineData(ProxyDirection.ToClient, PubAck, false)]
    [InlineData(ProxyDirection.ToClient, PubAck, true)]
    public async Task PublishQoS1_ConnectionCutAtEachStep_DeliveredAtLeastOnce(ProxyDirection direction, byte packetType, bool afterForward)
    {
        var topic = $"test/resume1/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, $"{topic}/#");
        await using var publisher = await ConnectThroughAsync(proxy, NewId("pub1"));

        proxy.CutOnce(direction, packetType, afterForward);
        var result = await publisher.PublishAsync(Message(topic, "least-once")).WaitAsync(Wait);
        await publisher.PublishAsync(Message($"{topic}/marker", "marker")).WaitAsync(Wait);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, proxy.Connections);
        Assert.InRange(await CountUntilMarkerAsync(consumer, "least-once"), 1, 2);
        Assert.Equal(0, publisher.InflightCount);
    }

    [Theory]
    [InlineData(ProxyDirection.ToClient, Publish, false)]
    [InlineData(ProxyDirection.ToClient, Publish, true)]
    [InlineData(ProxyDirection.ToBroker, PubRec, false)]
    [InlineData(ProxyDirection.ToBroker, PubRec, true)]
    [InlineData(ProxyDirection.ToClient, PubRel, false)]
    [InlineData(ProxyDirection.ToClient, PubRel, true)]
    [InlineData(ProxyDirection.ToBroker, PubComp, false)]
    [InlineData(ProxyDirection.ToBroker, PubComp, true)]
    public async Task ReceiveQoS2_ConnectionCutAtEachStep_ApplicationSeesItExactlyOnce(ProxyDirection direction, byte packetType, bool afterForward)
    {
        var topic = $"test/inbound2/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectThroughAsync(proxy, NewId("sub2"));
        var consumer = await SubscribeAsync(subscriber, topic, MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        var copies = Task.Run(() => CountUntilMarkerAsync(consumer, "once"));

        proxy.CutOnce(direction, packetType, afterForward);
        await publisher.PublishAsync(Message(topic, "once", MqttQualityOfServiceLevel.ExactlyOnce));
        await Poll.UntilAsync(() => !proxy.CutPending && proxy.Connections == 2 && subscriber.IsConnected, "the cut and the reconnect");
        await publisher.PublishAsync(Message(topic, "marker", MqttQualityOfServiceLevel.ExactlyOnce));

        Assert.Equal(1, await copies);
    }

    [Fact]
    public async Task ReceiveQoS1_ManualAckAfterReconnect_AcknowledgesTheRedelivery()
    {
        var topic = $"test/inbound1/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectThroughAsync(proxy, NewId("sub1"));
        var consumer = await SubscribeAsync(subscriber, topic, autoAck: false);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        await publisher.PublishAsync(Message(topic, "held"));
        var held = await consumer.ReceiveAsync();
        proxy.CutAll();
        await Poll.UntilAsync(() => proxy.Connections == 2 && subscriber.IsConnected, "the reconnect");
        // The broker redelivers (DUP) on resume; the application still holds the first copy, so it is not handed over again.
        await Poll.UntilAsync(() => subscriber.Statistics.DuplicatesDropped >= 1, "the redelivery to be recognised");
        held.Acknowledge();
        await publisher.PublishAsync(Message(topic, "marker"));

        var next = await consumer.ReceiveAsync();
        Assert.Equal("marker", next.ApplicationMessage.ConvertPayloadToString());
        next.Acknowledge();
        await Poll.UntilAsync(() => proxy.FramesOf(ProxyDirection.ToBroker, PubAck).Count() >= 2, "both acknowledgements to reach the broker");
    }

    [Fact]
    public async Task Reconnect_SessionLostAtBroker_ResubscribesAndKeepsDelivering()
    {
        var topic = $"test/resub/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        var subscriber = new MqttClient();
        await using var _ = subscriber;
        // Session Expiry 0: the broker forgets the subscription when the connection drops.
        await subscriber.ConnectAsync(Options(Broker, NewId("resub"), proxy.Port).Build());
        var consumer = await SubscribeAsync(subscriber, topic);
        var reconnected = new TaskCompletionSource<MqttClientConnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ConnectedAsync += e =>
        {
            reconnected.TrySetResult(e);
            return Task.CompletedTask;
        };

        proxy.CutAll();
        var e = await reconnected.Task.WaitAsync(Wait);
        Assert.True(e.IsReconnect);
        Assert.False(e.ConnectResult.IsSessionPresent);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        await Poll.UntilAsync(async () =>
        {
            await publisher.PublishAsync(Message(topic, "after"));
            return consumer.Count > 0;
        }, "the resubscription to deliver");

        Assert.Equal("after", (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
    }

    [Fact]
    public async Task TopicAlias_RepeatedTopic_SentOnceThenAsAliasAndResetOnReconnect()
    {
        var topic = $"twins/vehicles/{Guid.NewGuid():N}/telemetry";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, topic);
        await using var publisher = await ConnectThroughAsync(proxy, NewId("alias"));

        await publisher.PublishAsync(Message(topic, "1"));
        await publisher.PublishAsync(Message(topic, "2"));
        proxy.CutAll();
        await Poll.UntilAsync(() => proxy.Connections == 2 && publisher.IsConnected, "the reconnect");
        await publisher.PublishAsync(Message(topic, "3"));

        var topics = proxy.FramesOf(ProxyDirection.ToBroker, Publish).Select(FaultProxy.TopicOf).ToList();
        Assert.Equal([topic, "", topic], topics);
        for (var i = 1; i <= 3; i++)
        {
            var message = (await consumer.ReceiveAsync()).ApplicationMessage;
            Assert.Equal(topic, message.Topic);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), message.ConvertPayloadToString());
        }
    }

    [Fact]
    public async Task PublishQoS2_ManyInFlightWhileTheLinkIsCutRepeatedly_EachDeliveredExactlyOnce()
    {
        const int Count = 300;
        var topic = $"test/storm/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, topic, MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await ConnectThroughAsync(proxy, NewId("storm"));

        var publishes = Enumerable.Range(0, Count)
            .Select(i => publisher.PublishAsync(Message(topic, i.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.ExactlyOnce)))
            .ToList();
        var connections = 1;
        foreach (var cutAt in new[] { 30, 120, 210 })
        {
            await Poll.UntilAsync(() => publishes.Count(p => p.IsCompleted) >= cutAt && publisher.IsConnected && proxy.Connections == connections, $"{cutAt} publishes to complete");
            proxy.CutAll();
            connections++;
        }

        var results = await Task.WhenAll(publishes).WaitAsync(Wait);
        var seen = new Dictionary<string, int>();
        while (seen.Count < Count)
        {
            var payload = (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString();
            seen[payload] = seen.GetValueOrDefault(payload) + 1;
        }

        Assert.All(results, r => Assert.True(r.IsSuccess));
        await Poll.UntilAsync(() => proxy.Connections == 4 && publisher.IsConnected, "the third reconnect");
        Assert.All(seen, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(0, consumer.Count);
        Assert.Equal(0, publisher.InflightCount);
    }

    [Fact]
    public async Task ReceiveQoS2_ManyWhileTheLinkIsCutRepeatedly_ApplicationSeesEachExactlyOnce()
    {
        const int Count = 300;
        var topic = $"test/storm-in/{Guid.NewGuid():N}";
        await using var proxy = new FaultProxy(Broker.Port);
        await using var subscriber = await ConnectThroughAsync(proxy, NewId("storm-in"));
        var consumer = await SubscribeAsync(subscriber, topic, MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var reader = Task.Run(async () =>
        {
            while (seen.Count < Count)
            {
                var payload = (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString();
                seen.AddOrUpdate(payload, 1, (_, n) => n + 1);
            }
        });

        var publishes = Enumerable.Range(0, Count)
            .Select(i => publisher.PublishAsync(Message(topic, i.ToString(System.Globalization.CultureInfo.InvariantCulture), MqttQualityOfServiceLevel.ExactlyOnce)))
            .ToList();
        var connections = 1;
        foreach (var cutAt in new[] { 30, 120, 210 })
        {
            await Poll.UntilAsync(() => seen.Count >= cutAt && subscriber.IsConnected && proxy.Connections == connections, $"{cutAt} messages to arrive");
            proxy.CutAll();
            connections++;
        }

        await Task.WhenAll(publishes).WaitAsync(Wait);
        await reader.WaitAsync(Wait);
        await publisher.PublishAsync(Message(topic, "marker", MqttQualityOfServiceLevel.ExactlyOnce));
        Assert.Equal("marker", (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());

        Assert.Equal(Count, seen.Count);
        Assert.All(seen, pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task AdoptBrokerSession_RestartedSubscriber_GetsTheMessagesItNeverAcknowledged()
    {
        var clientId = NewId("worker");
        var topic = $"test/adopt/{Guid.NewGuid():N}";
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        MqttReceivedMessage unacknowledged;
        await using (var crashed = await ConnectAsync(Broker, clientId, b => b.WithCleanStart(false).WithSessionExpiryInterval(300)))
        {
            var consumer = await SubscribeAsync(crashed, topic, autoAck: false);
            await publisher.PublishAsync(Message(topic, "in-flight"));
            unacknowledged = await consumer.ReceiveAsync();
            // The process dies with the message handled but not acknowledged.
        }

        await using var restarted = await ConnectAsync(Broker, clientId, b => b.WithCleanStart(false).WithSessionExpiryInterval(300).WithAdoptBrokerSession());

        var redelivered = await restarted.ApplicationMessages.ReceiveAsync();
        Assert.False(unacknowledged.IsAcknowledged);
        Assert.Equal("in-flight", redelivered.ApplicationMessage.ConvertPayloadToString());
        Assert.True(redelivered.ApplicationMessage.Dup);
    }

    [Fact]
    public async Task WithoutAdoptBrokerSession_UnknownBrokerSession_StartsClean()
    {
        var clientId = NewId("worker");
        await using (var first = await ConnectAsync(Broker, clientId, b => b.WithCleanStart(false).WithSessionExpiryInterval(300)))
        {
            await SubscribeAsync(first, $"test/clean/{Guid.NewGuid():N}");
        }

        await using var second = new MqttClient();
        var result = await second.ConnectAsync(Options(Broker, clientId).WithCleanStart(false).WithSessionExpiryInterval(300).Build());

        Assert.False(result.IsSessionPresent);
    }
}
