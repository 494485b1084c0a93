using Twins.Mqtt.Client;
using Twins.Mqtt.Formatter;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

/// <summary>
/// Protocol rules a real broker never breaks on purpose, checked against a scripted peer: malformed
/// input ends the connection with the right reason code (and the client reconnects), CONNACK limits
/// are obeyed, QoS 2 repeats are never delivered twice.
/// </summary>
public sealed class MqttClientProtocolTests
{
    private static async Task<(MqttClient Client, ScriptedConnection Connection, List<MqttClientDisconnectedEventArgs> Events)> ConnectAsync(
        ScriptedBroker broker, MqttProperties? connAckProperties = null, Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClient();
        var events = new List<MqttClientDisconnectedEventArgs>();
        client.DisconnectedAsync += e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, broker.Port).WithClientId(NewId("scripted"))
            .WithMaximumPacketSize(1024).WithTopicAliasMaximum(4)
            .WithReconnect(new MqttReconnectOptions { MinimumDelay = TimeSpan.FromMilliseconds(10), MaximumDelay = TimeSpan.FromMilliseconds(50) });
        var connecting = client.ConnectAsync((configure?.Invoke(builder) ?? builder).Build());
        var connection = await broker.AcceptAndAcknowledgeAsync(connAckProperties);
        await connecting;
        return (client, connection, events);
    }

    public static TheoryData<string, byte[], MqttReasonCode> MalformedInput() => new()
    {
        { "PUBLISH with QoS 3", [0x36, 6, 0, 1, (byte)'t', 0, 1, 0], MqttReasonCode.MalformedPacket },
        { "5-byte Remaining Length", [0x30, 0x80, 0x80, 0x80, 0x80, 0x01], MqttReasonCode.MalformedPacket },
        { "bad UTF-8 topic", [0x30, 5, 0, 2, 0xC3, 0x28, 0], MqttReasonCode.MalformedPacket },
        { "PUBREL flags 0000", [0x60, 2, 0, 1], MqttReasonCode.MalformedPacket },
        { "duplicate Message Expiry", [0x30, 15, 0, 1, (byte)'t', 10, 0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 2, 9], MqttReasonCode.ProtocolError },
        { "topic alias 0", [0x30, 7, 0, 1, (byte)'t', 3, 0x23, 0, 0], MqttReasonCode.TopicAliasInvalid },
        { "topic alias above our maximum", [0x30, 7, 0, 1, (byte)'t', 3, 0x23, 0, 5], MqttReasonCode.TopicAliasInvalid },
        { "unknown topic alias", [0x30, 6, 0, 0, 3, 0x23, 0, 2], MqttReasonCode.ProtocolError },
        { "packet over our maximum size", [0x30, 0xD0, 0x0F], MqttReasonCode.PacketTooLarge },
        { "second CONNACK", [0x20, 3, 0, 0, 0], MqttReasonCode.ProtocolError },
        { "AUTH without a method", [0xF0, 0], MqttReasonCode.ProtocolError },
    };

    [Theory]
    [MemberData(nameof(MalformedInput))]
    public async Task BadInput_FromBroker_DisconnectsWithReasonThenReconnects(string what, byte[] bytes, MqttReasonCode expected)
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, events) = await ConnectAsync(broker);
        await using var _ = client;

        await connection.SendRawAsync(bytes);

        var disconnect = await connection.ReadAsync<MqttDisconnectPacket>();
        Assert.True(expected == disconnect.ReasonCode, $"{what}: sent {disconnect.ReasonCode}, expected {expected}");
        Assert.Null(await connection.ReadAsync());
        await Poll.UntilAsync(() => events.Count == 1, "the disconnect event");
        Assert.Equal(MqttDisconnectSource.ProtocolViolation, events[0].Source);
        Assert.Equal(expected, events[0].ReasonCode);
        Assert.Equal(1, client.Statistics.ProtocolViolations);
        // The client keeps serving: it reconnects with backoff and resumes its session.
        var (_, reconnect) = await broker.AcceptAsync();
        Assert.False(reconnect.CleanStart);
    }

    [Fact]
    public async Task InboundTopicAlias_SetThenUsed_ResolvesTheTopic()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, _) = await ConnectAsync(broker);
        await using var _c = client;

        await connection.SendAsync(new MqttPublishPacket { Topic = "twins/a", Payload = "1"u8.ToArray(), Properties = new MqttProperties { TopicAlias = 3 } });
        await connection.SendAsync(new MqttPublishPacket { Topic = "", Payload = "2"u8.ToArray(), Properties = new MqttProperties { TopicAlias = 3 } });

        Assert.Equal("twins/a", (await client.ApplicationMessages.ReceiveAsync()).ApplicationMessage.Topic);
        Assert.Equal("twins/a", (await client.ApplicationMessages.ReceiveAsync()).ApplicationMessage.Topic);
    }

    [Fact]
    public async Task InboundQoS2_RepeatedBeforePubRel_DeliveredOnceAndCompleted()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, _) = await ConnectAsync(broker);
        await using var _c = client;
        var publish = new MqttPublishPacket { Topic = "cmd", Qos = MqttQualityOfServiceLevel.ExactlyOnce, PacketIdentifier = 7, Payload = "x"u8.ToArray() };

        await connection.SendAsync(publish);
        var first = await client.ApplicationMessages.ReceiveAsync();
        Assert.Equal(7, (await connection.ReadAsync<MqttPubRecPacket>()).PacketIdentifier);
        publish.Dup = true;
        await connection.SendAsync(publish);
        Assert.Equal(7, (await connection.ReadAsync<MqttPubRecPacket>()).PacketIdentifier);
        await connection.SendAsync(new MqttPubRelPacket { PacketIdentifier = 7 });
        var comp = await connection.ReadAsync<MqttPubCompPacket>();

        Assert.Equal(MqttReasonCode.Success, comp.ReasonCode);
        Assert.Equal("x", first.ApplicationMessage.ConvertPayloadToString());
        Assert.Equal(0, client.ApplicationMessages.Count);
        Assert.Equal(1, client.Statistics.DuplicatesDropped);
    }

    [Fact]
    public async Task UnknownAcknowledgement_IsCountedAndIgnored()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, events) = await ConnectAsync(broker);
        await using var _c = client;

        await connection.SendAsync(new MqttPubAckPacket { PacketIdentifier = 999 });
        await connection.SendAsync(new MqttPubCompPacket { PacketIdentifier = 998 });
        await Poll.UntilAsync(() => client.Statistics.UnknownAcknowledgements == 2, "both acks to be seen");
        var publishing = client.PublishAsync(Message("still/working", "ok"));
        var sent = await connection.ReadAsync<MqttPublishPacket>();
        await connection.SendAsync(new MqttPubAckPacket { PacketIdentifier = sent.PacketIdentifier });

        Assert.True((await publishing).IsSuccess);
        Assert.Empty(events);
    }

    [Fact]
    public async Task ConnAckLimits_AreAdoptedAndEnforced()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, _) = await ConnectAsync(broker, new MqttProperties
        {
            MaximumQoS = 1,
            RetainAvailable = 0,
            MaximumPacketSize = 200,
            ReceiveMaximum = 2,
            ServerKeepAlive = 5,
            AssignedClientIdentifier = "assigned-1",
        });
        await using var _c = client;

        await Assert.ThrowsAsync<MqttProtocolException>(() => client.PublishAsync(Message("a", "b", MqttQualityOfServiceLevel.ExactlyOnce)));
        await Assert.ThrowsAsync<MqttProtocolException>(() => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("a").WithRetainFlag().Build()));
        var tooLarge = await Assert.ThrowsAsync<MqttProtocolException>(() => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("a").WithPayload(new byte[300]).Build()));
        Assert.Equal(MqttReasonCode.PacketTooLarge, tooLarge.ReasonCode);
        Assert.Equal("assigned-1", client.ClientId);

        // Receive Maximum 2: five QoS 1 publishes, only two in flight until acknowledged.
        var publishes = Enumerable.Range(0, 5).Select(i => client.PublishAsync(Message("q", $"m{i}"))).ToList();
        Assert.Equal(2, client.InflightCount);
        var ids = new List<ushort>();
        for (var i = 0; i < 5; i++)
        {
            var packet = await connection.ReadAsync<MqttPublishPacket>();
            Assert.Equal($"m{i}", System.Text.Encoding.UTF8.GetString(packet.Payload.Span));
            ids.Add(packet.PacketIdentifier);
            await connection.SendAsync(new MqttPubAckPacket { PacketIdentifier = packet.PacketIdentifier });
        }

        await Task.WhenAll(publishes);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(0, client.InflightCount);
    }

    [Fact]
    public async Task SessionPresentWithoutLocalState_ClosesAndStartsClean()
    {
        await using var broker = new ScriptedBroker();
        await using var client = new MqttClient();
        var connecting = client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, broker.Port)
            .WithClientId(NewId("stale")).WithCleanStart(false).WithSessionExpiryInterval(60).WithoutReconnect().Build());

        var (first, firstConnect) = await broker.AcceptAsync();
        Assert.False(firstConnect.CleanStart);
        await first.SendAsync(new MqttConnAckPacket { SessionPresent = true });
        Assert.Equal(MqttReasonCode.ProtocolError, (await first.ReadAsync<MqttDisconnectPacket>()).ReasonCode);
        var (second, secondConnect) = await broker.AcceptAsync();
        await second.SendAsync(new MqttConnAckPacket());
        var result = await connecting;

        Assert.True(secondConnect.CleanStart);
        Assert.False(result.IsSessionPresent);
    }

    [Fact]
    public async Task ServerKeepAlive_OverridesTheRequestedKeepAlive()
    {
        await using var broker = new ScriptedBroker();
        var clock = new ManualTimeProvider();
        var (client, connection, _) = await ConnectAsync(broker, new MqttProperties { ServerKeepAlive = 5 }, b => b.WithKeepAlivePeriod(TimeSpan.FromSeconds(60)).WithTimeProvider(clock));
        await using var _c = client;

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.IsType<MqttPingReqPacket>(await connection.ReadAsync());
    }

    [Fact]
    public async Task Resume_BrokerNowAllowsSmallerPackets_FailsTheOversizeMessageInsteadOfResendingIt()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, _) = await ConnectAsync(broker, configure: b => b.WithSessionExpiryInterval(60));
        await using var _c = client;
        var big = client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("big").WithPayload(new byte[500]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await connection.ReadAsync<MqttPublishPacket>();

        connection.Dispose();
        var (resumed, _) = await broker.AcceptAsync();
        await resumed.SendAsync(new MqttConnAckPacket { SessionPresent = true, Properties = new MqttProperties { MaximumPacketSize = 200 } });

        var error = await Assert.ThrowsAsync<MqttProtocolException>(() => big);
        Assert.Equal(MqttReasonCode.PacketTooLarge, error.ReasonCode);
        var small = client.PublishAsync(Message("small", "ok"));
        var next = await resumed.ReadAsync<MqttPublishPacket>();
        Assert.Equal("small", next.Topic);
        await resumed.SendAsync(new MqttPubAckPacket { PacketIdentifier = next.PacketIdentifier });
        Assert.True((await small).IsSuccess);
    }

    [Fact]
    public async Task PublishAsync_CancelledWhileQueuedForTheSendQuota_IsNeverSent()
    {
        await using var broker = new ScriptedBroker();
        var (client, connection, _) = await ConnectAsync(broker, new MqttProperties { ReceiveMaximum = 1 });
        await using var _c = client;
        using var cancel = new CancellationTokenSource();

        var first = client.PublishAsync(Message("q", "first"));
        var withdrawn = client.PublishAsync(Message("q", "withdrawn"), cancel.Token);
        var firstPacket = await connection.ReadAsync<MqttPublishPacket>();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        var third = client.PublishAsync(Message("q", "third"));
        await connection.SendAsync(new MqttPubAckPacket { PacketIdentifier = firstPacket.PacketIdentifier });
        var next = await connection.ReadAsync<MqttPublishPacket>();
        await connection.SendAsync(new MqttPubAckPacket { PacketIdentifier = next.PacketIdentifier });

        Assert.Equal("third", System.Text.Encoding.UTF8.GetString(next.Payload.Span));
        Assert.True((await first).IsSuccess);
        Assert.True((await third).IsSuccess);
    }
}
