using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

public sealed class MqttClientTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private MosquittoBroker Broker => fixture.Broker;

    [Fact]
    public async Task ConnectAsync_ToMosquitto_AdoptsConnAckLimits()
    {
        await using var client = new MqttClient();
        var result = await client.ConnectAsync(Options(Broker, NewId("connect")).Build());

        Assert.Equal(MqttReasonCode.Success, result.ResultCode);
        Assert.False(result.IsSessionPresent);
        Assert.True(client.IsConnected);
        // mosquitto 2.0 defaults: max_inflight_messages 20, topic aliases 10.
        Assert.Equal(20, result.ReceiveMaximum);
        Assert.Equal(10, result.TopicAliasMaximum);
        Assert.True(result.SharedSubscriptionAvailable);
    }

    [Fact]
    public async Task ConnectAsync_WithoutClientId_UsesAssignedIdentifier()
    {
        await using var client = new MqttClient();
        var result = await client.ConnectAsync(Options(Broker, "").Build());

        Assert.StartsWith("auto-", result.ClientId, StringComparison.Ordinal);
        Assert.Equal(result.ClientId, client.ClientId);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectingFailed()
    {
        await using var client = new MqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, FreePort.Next()).WithClientId(NewId("refused")).Build();

        await Assert.ThrowsAsync<MqttConnectingFailedException>(() => client.ConnectAsync(options));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ApplicationMessages_BeforeAndAfterConnect_ThrowsThenHonoursDefaultConsumerOptions()
    {
        var topic = $"test/default-consumer/{Guid.NewGuid():N}";
        await using var client = new MqttClient();

        // Reading it first used to create an auto-acknowledging consumer and ignore the options below.
        var early = Assert.Throws<InvalidOperationException>(() => client.ApplicationMessages);
        Assert.Contains("ConnectAsync", early.Message, StringComparison.Ordinal);

        await client.ConnectAsync(Options(Broker, NewId("default-consumer"))
            .WithDefaultConsumer(new MqttMessageConsumerOptions { AutoAcknowledge = false, Capacity = 8 }).Build());
        var consumer = client.ApplicationMessages;
        Assert.False(consumer.Options.AutoAcknowledge);
        Assert.Equal(8, consumer.Options.Capacity);

        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("held")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var received = await consumer.ReadAsync();
        Assert.False(received.IsAcknowledged);
        await received.AcknowledgeAsync();
        Assert.True(received.IsAcknowledged);
    }

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce)]
    public async Task PublishAsync_EachQoS_ArrivesWithAllProperties(MqttQualityOfServiceLevel qos)
    {
        var topic = $"test/props/{Guid.NewGuid():N}";
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, topic, MqttQualityOfServiceLevel.ExactlyOnce);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        var result = await publisher.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload("{\"seq\":1}")
            .WithQualityOfServiceLevel(qos)
            .WithContentType("application/json")
            .WithResponseTopic("replies/here")
            .WithCorrelationData(new byte[] { 0, 1, 255 })
            .WithMessageExpiryInterval(300)
            .WithUserProperty("vin", "WVW123")
            .WithUserProperty("vin", "second")
            .Build());

        Assert.True(result.IsSuccess);
        var received = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal(topic, received.Topic);
        Assert.Equal("{\"seq\":1}", received.ConvertPayloadToString());
        Assert.Equal(qos, received.QualityOfServiceLevel);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("replies/here", received.ResponseTopic);
        Assert.Equal(new byte[] { 0, 1, 255 }, received.CorrelationData.ToArray());
        Assert.Equal(MqttPayloadFormatIndicator.CharacterData, received.PayloadFormatIndicator);
        Assert.InRange(received.MessageExpiryInterval, 1u, 300u);
        Assert.Equal([new MqttUserProperty("vin", "WVW123"), new MqttUserProperty("vin", "second")], received.UserProperties);
    }

    [Fact]
    public async Task PublishAsync_ManyQoS1BeyondReceiveMaximum_AllAcknowledgedInOrder()
    {
        var topic = $"test/flow/{Guid.NewGuid():N}";
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, topic);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        // 500 concurrent publishes against a send quota of 20: the rest wait for acks, none is lost.
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => publisher.PublishAsync(Message(topic, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
        }

        Assert.Equal(0, publisher.InflightCount);
        Assert.Equal(0, subscriber.Statistics.Reconnects);
    }

    [Fact]
    public async Task PublishAsync_NoSubscribers_IsSuccessWithReason0x10()
    {
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        var result = await publisher.PublishAsync(Message($"test/nobody/{Guid.NewGuid():N}", "x"));

        Assert.True(result.IsSuccess);
        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, result.ReasonCode);
    }

    [Fact]
    public async Task Retained_DeliveredToLateSubscriber_AndClearedByEmptyPayload()
    {
        var topic = $"twins/vehicles/{Guid.NewGuid():N}/critical";
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("recall").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());

        await using (var late = await ConnectAsync(Broker, NewId("late")))
        {
            var received = (await (await SubscribeAsync(late, topic)).ReceiveAsync()).ApplicationMessage;
            Assert.True(received.Retain);
            Assert.Equal("recall", received.ConvertPayloadToString());
        }

        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        // Proof of clearing: a later subscriber gets the next live message first, not a retained one.
        await using var after = await ConnectAsync(Broker, NewId("after"));
        var consumer = await SubscribeAsync(after, topic);
        await publisher.PublishAsync(Message(topic, "live"));
        var next = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.False(next.Retain);
        Assert.Equal("live", next.ConvertPayloadToString());
    }

    [Fact]
    public async Task MessageExpiry_RetainedMessage_IsCountedDownByTheBroker()
    {
        var topic = $"test/expiry/{Guid.NewGuid():N}";
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("cmd").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag().WithMessageExpiryInterval(30).Build());

        uint seen = 30;
        await Poll.UntilAsync(async () =>
        {
            await using var reader = await ConnectAsync(Broker, NewId("exp"));
            var message = (await (await SubscribeAsync(reader, topic)).ReceiveAsync()).ApplicationMessage;
            seen = message.MessageExpiryInterval;
            return seen < 30;
        }, "the broker to count the message expiry down");

        Assert.InRange(seen, 1u, 29u);
    }

    [Fact]
    public async Task Will_WithDelay_IsPublishedAfterDisconnectWithWill()
    {
        var clientId = NewId("will");
        var willTopic = $"$aws/events/presence/disconnected/{clientId}";
        await using var watcher = await ConnectAsync(Broker, NewId("watch"));
        var consumer = await SubscribeAsync(watcher, willTopic);
        var will = new MqttApplicationMessageBuilder().WithTopic(willTopic).WithPayload("{\"eventType\":\"disconnected\"}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithUserProperty("versionNumber", "7").Build();
        await using var vehicle = await ConnectAsync(Broker, clientId, b => b.WithWill(will, delayIntervalSeconds: 1).WithSessionExpiryInterval(1));

        await vehicle.DisconnectAsync(new MqttClientDisconnectOptions { ReasonCode = MqttReasonCode.DisconnectWithWillMessage });

        var received = (await consumer.ReceiveAsync()).ApplicationMessage;
        Assert.Equal("{\"eventType\":\"disconnected\"}", received.ConvertPayloadToString());
        Assert.Equal([new MqttUserProperty("versionNumber", "7")], received.UserProperties);
    }

    [Fact]
    public async Task Will_NormalDisconnect_IsNotPublished()
    {
        var clientId = NewId("will");
        var willTopic = $"test/will/{clientId}";
        await using var watcher = await ConnectAsync(Broker, NewId("watch"));
        var consumer = await SubscribeAsync(watcher, $"test/will/{clientId}/#");
        await using var vehicle = await ConnectAsync(Broker, clientId, b => b.WithWill(Message(willTopic, "gone")));

        await vehicle.DisconnectAsync();
        // A marker published afterwards arrives first: the will was discarded on normal disconnect.
        await using var marker = await ConnectAsync(Broker, NewId("mark"));
        await marker.PublishAsync(Message($"{willTopic}/marker", "marker"));
        Assert.Equal("marker", (await consumer.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
    }

    [Fact]
    public async Task SharedSubscription_TwoWorkers_ShareMessagesRoundRobinWithoutCopies()
    {
        var group = $"gw{Guid.NewGuid():N}"[..10];
        var topic = $"twins/vehicles/{group}/telemetry";
        await using var worker1 = await ConnectAsync(Broker, NewId("w1"));
        await using var worker2 = await ConnectAsync(Broker, NewId("w2"));
        var c1 = await SubscribeAsync(worker1, $"$share/{group}/twins/vehicles/+/telemetry");
        var c2 = await SubscribeAsync(worker2, $"$share/{group}/twins/vehicles/+/telemetry");
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        for (var i = 0; i < 20; i++)
        {
            await publisher.PublishAsync(Message(topic, $"m{i}"));
        }

        var seen = new List<string>();
        await Poll.UntilAsync(() =>
        {
            while (c1.TryRead(out var m) || c2.TryRead(out m))
            {
                seen.Add(m.ApplicationMessage.ConvertPayloadToString());
            }

            return seen.Count >= 20;
        }, "20 shared messages");

        Assert.Equal(20, seen.Distinct().Count());
        Assert.Equal(20, seen.Count);
        Assert.Equal(10, c1.ReceivedMessages);
        Assert.Equal(10, c2.ReceivedMessages);
    }

    [Fact]
    public async Task ManualAcknowledge_HeldMessages_ThrottleTheBrokerUntilAcknowledged()
    {
        var topic = $"test/manual/{Guid.NewGuid():N}";
        await using var subscriber = await ConnectAsync(Broker, NewId("slow"), b => b.WithReceiveMaximum(3));
        var consumer = await SubscribeAsync(subscriber, topic, autoAck: false);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync(Message(topic, $"m{i}"));
        }

        // The broker may have only 3 unacknowledged messages out to us; the rest wait at the broker.
        var held = new List<MqttReceivedMessage>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await consumer.ReceiveAsync());
        }

        Assert.All(held, m => Assert.False(m.IsAcknowledged));
        foreach (var message in held)
        {
            message.Acknowledge();
        }

        var rest = new List<string>();
        for (var i = 3; i < 10; i++)
        {
            var next = await consumer.ReceiveAsync();
            rest.Add(next.ApplicationMessage.ConvertPayloadToString());
            next.Acknowledge();
        }

        Assert.Equal(Enumerable.Range(3, 7).Select(i => $"m{i}"), rest);
        Assert.Equal(0, subscriber.Statistics.ProtocolViolations);
        Assert.Equal(0, subscriber.Statistics.Reconnects);
    }

    [Fact]
    public async Task QoS0_SlowConsumer_DropsBeyondCapacityAndCountsThem()
    {
        var topic = $"test/qos0/{Guid.NewGuid():N}";
        await using var subscriber = await ConnectAsync(Broker, NewId("slow"));
        var consumer = subscriber.CreateConsumer(new MqttMessageConsumerOptions { Capacity = 10 });
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic).WithConsumer(consumer).Build());
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        for (var i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(Message(topic, $"m{i}", MqttQualityOfServiceLevel.AtMostOnce));
        }

        await publisher.PublishAsync(Message(topic, "sync", MqttQualityOfServiceLevel.AtLeastOnce));
        await Poll.UntilAsync(() => consumer.ReceivedMessages + consumer.DroppedMessages >= 100, "all QoS 0 messages to be seen");

        // Nobody reads: the queue holds exactly its capacity and every other message was dropped and counted.
        Assert.Equal(10, consumer.ReceivedMessages);
        Assert.Equal(10, consumer.Count);
        Assert.True(consumer.DroppedMessages >= 90);
    }

    [Fact]
    public async Task SubscribeAsync_TwoConsumers_EachGetsOnlyItsSubscription()
    {
        var root = $"test/route/{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Broker, NewId("route"));
        var telemetry = await SubscribeAsync(client, $"{root}/telemetry");
        var shadow = await SubscribeAsync(client, $"{root}/shadow/#");

        await client.PublishAsync(Message($"{root}/shadow/update", "s"));
        await client.PublishAsync(Message($"{root}/telemetry", "t"));

        Assert.Equal("s", (await shadow.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
        Assert.Equal("t", (await telemetry.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
        Assert.Equal(0, telemetry.Count);
        Assert.Equal(0, shadow.Count);
    }

    [Fact]
    public async Task UnsubscribeAsync_StopsDelivery()
    {
        var topic = $"test/unsub/{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Broker, NewId("unsub"));
        var consumer = await SubscribeAsync(client, topic);
        var catchAll = await SubscribeAsync(client, $"{topic}-marker");

        var result = await client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = [topic] });
        await client.PublishAsync(Message(topic, "after"));
        await client.PublishAsync(Message($"{topic}-marker", "marker"));

        Assert.Equal(MqttReasonCode.Success, result.Items[0].ReasonCode);
        Assert.Equal("marker", (await catchAll.ReceiveAsync()).ApplicationMessage.ConvertPayloadToString());
        Assert.Equal(0, consumer.Count);
    }

    [Fact]
    public async Task SubscribeAsync_NoLocalOnSharedSubscription_IsRejected()
    {
        await using var client = await ConnectAsync(Broker, NewId("nolocal"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("$share/g/a", MqttQualityOfServiceLevel.AtLeastOnce, noLocal: true).Build()));
    }

    [Fact]
    public async Task PublishAsync_WildcardTopic_IsRejected()
    {
        await using var client = await ConnectAsync(Broker, NewId("wild"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(Message("a/+", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("a").WithResponseTopic("r/#").Build()));
    }

    [Fact]
    public async Task DisconnectAsync_RaisesDisconnectedWithClientSourceAndDoesNotReconnect()
    {
        await using var client = await ConnectAsync(Broker, NewId("bye"));
        var events = new List<MqttClientDisconnectedEventArgs>();
        client.DisconnectedAsync += e =>
        {
            events.Add(e);
            return Task.CompletedTask;
        };

        await client.DisconnectAsync();

        var single = Assert.Single(events);
        Assert.Equal(MqttDisconnectSource.Client, single.Source);
        Assert.False(single.WillReconnect);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<MqttClientNotConnectedException>(() => client.PublishAsync(Message("a", "b", MqttQualityOfServiceLevel.AtMostOnce)));
    }

    [Fact]
    public async Task DisconnectAsync_OwnCleanDisconnect_LoggedAsInformationNotWarning()
    {
        var logger = new CapturingLogger<MqttClient>();
        var clientId = NewId("quiet");
        await using var client = new MqttClient(logger);
        await client.ConnectAsync(Options(Broker, clientId).Build());

        await client.DisconnectAsync();

        Assert.DoesNotContain(logger.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information && e.Message.Contains("closed by this client", StringComparison.Ordinal));

        // A connection the client did not end (taken over by another client with its id) still warns.
        var taken = new CapturingLogger<MqttClient>();
        await using var victim = new MqttClient(taken);
        await victim.ConnectAsync(Options(Broker, clientId).Build());
        await using (await ConnectAsync(Broker, clientId))
        {
            await Poll.UntilAsync(() => taken.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("connection ended", StringComparison.Ordinal)), "the taken-over client to warn");
        }
    }

    [Fact]
    public async Task SessionTakenOver_BrokerDisconnect_ReconnectsWithBackoffAndRaisesEvents()
    {
        var clientId = NewId("dup");
        await using var first = await ConnectAsync(Broker, clientId, b => b.WithSessionExpiryInterval(60).WithCleanStart(false));
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e);
            return Task.CompletedTask;
        };

        await using (var second = await ConnectAsync(Broker, clientId, b => b.WithSessionExpiryInterval(60).WithCleanStart(false)))
        {
            var e = await disconnected.Task.WaitAsync(Wait);
            // MQTT 5 says DISCONNECT 0x8E; mosquitto 2.0.11 just closes the socket.
            Assert.True(e.Source == MqttDisconnectSource.Transport || e.ReasonCode == MqttReasonCode.SessionTakenOver, $"{e.Source} {e.ReasonCode}");
            Assert.True(e.WillReconnect);
            // The first client takes the id back with its backoff.
            await Poll.UntilAsync(() => first.Statistics.Reconnects >= 1, "the first client to reconnect");
            await second.DisconnectAsync();
        }

        await Poll.UntilAsync(() => first.IsConnected, "the first client to be connected");
    }

    [Fact]
    public async Task TopicAlias_ManyPublishesToOneTopic_ArriveWithTheFullTopic()
    {
        var topic = $"twins/vehicles/{Guid.NewGuid():N}/telemetry";
        await using var subscriber = await ConnectAsync(Broker, NewId("sub"));
        var consumer = await SubscribeAsync(subscriber, topic);
        await using var publisher = await ConnectAsync(Broker, NewId("pub"));

        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishAsync(Message(topic, $"m{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            var message = (await consumer.ReceiveAsync()).ApplicationMessage;
            Assert.Equal(topic, message.Topic);
            Assert.Equal($"m{i}", message.ConvertPayloadToString());
        }
    }

    [Fact]
    public async Task SubscribeAsync_PlainFilterNextToSharedOne_WarnsAboutDoubleDelivery()
    {
        var logger = new CapturingLogger<MqttClient>();
        await using var client = new MqttClient(logger);
        await client.ConnectAsync(Options(Broker, NewId("overlap")).Build());
        var filter = $"test/overlap/{Guid.NewGuid():N}/#";

        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithSharedTopicFilter("g", filter).Build());
        Assert.DoesNotContain(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter).Build());

        Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("twice", StringComparison.Ordinal));
    }
}
