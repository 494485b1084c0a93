using System.Buffers;
using Twins.Mqtt.Formatter;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Tests.Formatter;

public sealed class MqttPacketFormatterTests
{
    private static MqttPacket RoundTrip(MqttPacket packet, bool split = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = MqttPacketFormatter.Encode(buffer, packet);
        Assert.Equal(written, buffer.WrittenCount);
        Assert.Equal(written, MqttPacketFormatter.GetSize(packet));
        var sequence = split ? Split(buffer.WrittenMemory) : new ReadOnlySequence<byte>(buffer.WrittenMemory);
        Assert.True(MqttPacketFormatter.TryDecode(ref sequence, MqttPacketFormatter.AbsoluteMaximumPacketSize, out var decoded));
        Assert.True(sequence.IsEmpty);
        return decoded!;
    }

    private static MqttProtocolException DecodeFails(params byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        return Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.TryDecode(ref sequence, 1024 * 1024, out _));
    }

    /// <summary>A sequence of one-byte segments, so every field crosses a segment boundary.</summary>
    private static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> memory)
    {
        var first = new Segment(memory[..1], 0);
        var last = first;
        for (var i = 1; i < memory.Length; i++)
        {
            last = last.Append(memory.Slice(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private static MqttProperties AllPublishProperties() => new()
    {
        PayloadFormatIndicator = 1,
        MessageExpiryInterval = 3600,
        ContentType = "application/json",
        ResponseTopic = "replies/ä",
        CorrelationData = [1, 2, 3],
        SubscriptionIdentifiers = [1, 268_435_455],
        TopicAlias = 7,
        UserProperties = [new("a", "1"), new("a", "2"), new("ключ", "значение")],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Publish_WithEveryProperty_RoundTrips(bool split)
    {
        var packet = new MqttPublishPacket
        {
            Topic = "twins/vehicles/V1/telemetry",
            PacketIdentifier = 4242,
            Qos = MqttQualityOfServiceLevel.ExactlyOnce,
            Dup = true,
            Retain = true,
            Payload = "{\"seq\":1}"u8.ToArray(),
            Properties = AllPublishProperties(),
        };

        var decoded = Assert.IsType<MqttPublishPacket>(RoundTrip(packet, split));

        Assert.Equal(packet.Topic, decoded.Topic);
        Assert.Equal(4242, decoded.PacketIdentifier);
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, decoded.Qos);
        Assert.True(decoded.Dup);
        Assert.True(decoded.Retain);
        Assert.Equal(packet.Payload.ToArray(), decoded.Payload.ToArray());
        var p = decoded.Properties!;
        Assert.Equal((byte)1, p.PayloadFormatIndicator);
        Assert.Equal(3600u, p.MessageExpiryInterval);
        Assert.Equal("application/json", p.ContentType);
        Assert.Equal("replies/ä", p.ResponseTopic);
        Assert.Equal([1, 2, 3], p.CorrelationData);
        Assert.Equal([1u, 268_435_455u], p.SubscriptionIdentifiers);
        Assert.Equal((ushort)7, p.TopicAlias);
        Assert.Equal(AllPublishProperties().UserProperties, p.UserProperties);
    }

    [Fact]
    public void Publish_QoS0_HasNoPacketIdentifier()
    {
        var packet = new MqttPublishPacket { Topic = "t", Payload = new byte[] { 9 } };
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(buffer, packet);
        // 0x30, remaining 5: topic (2 + 1), properties length 0, payload 1.
        Assert.Equal(new byte[] { 0x30, 5, 0, 1, (byte)'t', 0, 9 }, buffer.WrittenSpan.ToArray());
        var decoded = Assert.IsType<MqttPublishPacket>(RoundTrip(packet));
        Assert.Equal(0, decoded.PacketIdentifier);
        Assert.Null(decoded.Properties);
    }

    [Fact]
    public void Publish_LargePayload_UsesFourByteRemainingLength()
    {
        var payload = new byte[2_100_000];
        payload[^1] = 0xAB;
        var decoded = Assert.IsType<MqttPublishPacket>(RoundTrip(new MqttPublishPacket { Topic = "big", Payload = payload }));
        Assert.Equal(payload.Length, decoded.Payload.Length);
        Assert.Equal(0xAB, decoded.Payload.Span[^1]);
    }

    [Fact]
    public void Connect_WithWillCredentialsAndProperties_RoundTrips()
    {
        var packet = new MqttConnectPacket
        {
            ClientId = "Vehicle_1",
            CleanStart = true,
            KeepAlive = 30,
            UserName = "user",
            Password = [0, 1, 2],
            WillTopic = "$aws/events/presence/disconnected/Vehicle_1",
            WillQos = MqttQualityOfServiceLevel.AtLeastOnce,
            WillRetain = true,
            WillPayload = "{}"u8.ToArray(),
            WillProperties = new MqttProperties { WillDelayInterval = 5, MessageExpiryInterval = 60, ContentType = "json", UserProperties = [new("k", "v")] },
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 3600,
                ReceiveMaximum = 10,
                MaximumPacketSize = 65536,
                TopicAliasMaximum = 5,
                RequestProblemInformation = 0,
                RequestResponseInformation = 1,
                UserProperties = [new("client", "twins")],
                AuthenticationMethod = "none",
                AuthenticationData = [7],
            },
        };

        var decoded = Assert.IsType<MqttConnectPacket>(RoundTrip(packet));

        Assert.Equal("Vehicle_1", decoded.ClientId);
        Assert.True(decoded.CleanStart);
        Assert.Equal(30, decoded.KeepAlive);
        Assert.Equal("user", decoded.UserName);
        Assert.Equal([0, 1, 2], decoded.Password);
        Assert.Equal(packet.WillTopic, decoded.WillTopic);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, decoded.WillQos);
        Assert.True(decoded.WillRetain);
        Assert.Equal("{}"u8.ToArray(), decoded.WillPayload.ToArray());
        Assert.Equal(5u, decoded.WillProperties!.WillDelayInterval);
        Assert.Equal(60u, decoded.WillProperties.MessageExpiryInterval);
        Assert.Equal(3600u, decoded.Properties!.SessionExpiryInterval);
        Assert.Equal((ushort)10, decoded.Properties.ReceiveMaximum);
        Assert.Equal(65536u, decoded.Properties.MaximumPacketSize);
        Assert.Equal((ushort)5, decoded.Properties.TopicAliasMaximum);
        Assert.Equal((byte)0, decoded.Properties.RequestProblemInformation);
        Assert.Equal((byte)1, decoded.Properties.RequestResponseInformation);
        Assert.Equal("none", decoded.Properties.AuthenticationMethod);
        Assert.Equal([7], decoded.Properties.AuthenticationData);
    }

    [Fact]
    public void ConnAck_WithEveryProperty_RoundTrips()
    {
        var packet = new MqttConnAckPacket
        {
            SessionPresent = true,
            ReasonCode = MqttReasonCode.Success,
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 10,
                AssignedClientIdentifier = "auto-1",
                ServerKeepAlive = 20,
                ResponseInformation = "resp/",
                ServerReference = "other:1883",
                ReasonString = "ok",
                ReceiveMaximum = 20,
                TopicAliasMaximum = 10,
                MaximumQoS = 1,
                RetainAvailable = 0,
                MaximumPacketSize = 1000,
                WildcardSubscriptionAvailable = 1,
                SubscriptionIdentifierAvailable = 0,
                SharedSubscriptionAvailable = 1,
                UserProperties = [new("broker", "mosquitto")],
            },
        };

        var decoded = Assert.IsType<MqttConnAckPacket>(RoundTrip(packet));

        Assert.True(decoded.SessionPresent);
        var p = decoded.Properties!;
        Assert.Equal("auto-1", p.AssignedClientIdentifier);
        Assert.Equal((ushort)20, p.ServerKeepAlive);
        Assert.Equal((ushort)20, p.ReceiveMaximum);
        Assert.Equal((ushort)10, p.TopicAliasMaximum);
        Assert.Equal((byte)1, p.MaximumQoS);
        Assert.Equal((byte)0, p.RetainAvailable);
        Assert.Equal(1000u, p.MaximumPacketSize);
        Assert.Equal((byte)0, p.SubscriptionIdentifierAvailable);
        Assert.Equal("other:1883", p.ServerReference);
        Assert.Equal("resp/", p.ResponseInformation);
    }

    private static readonly MqttAckPacket[] Acks =
    [
        new MqttPubAckPacket { PacketIdentifier = 1 },
        new MqttPubAckPacket { PacketIdentifier = 2, ReasonCode = MqttReasonCode.NoMatchingSubscribers },
        new MqttPubRecPacket { PacketIdentifier = 3, ReasonCode = MqttReasonCode.NotAuthorized, Properties = new MqttProperties { ReasonString = "denied", UserProperties = [new("x", "y")] } },
        new MqttPubRelPacket { PacketIdentifier = 65535 },
        new MqttPubRelPacket { PacketIdentifier = 4, ReasonCode = MqttReasonCode.PacketIdentifierNotFound },
        new MqttPubCompPacket { PacketIdentifier = 5 },
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Ack_RoundTrips(int index)
    {
        var packet = Acks[index];
        var decoded = Assert.IsAssignableFrom<MqttAckPacket>(RoundTrip(packet));
        Assert.Equal(packet.GetType(), decoded.GetType());
        Assert.Equal(packet.PacketIdentifier, decoded.PacketIdentifier);
        Assert.Equal(packet.ReasonCode, decoded.ReasonCode);
        Assert.Equal(packet.Properties?.ReasonString, decoded.Properties?.ReasonString);
    }

    [Fact]
    public void PubAck_WithRemainingLengthTwo_IsSuccess()
    {
        var sequence = new ReadOnlySequence<byte>(new byte[] { 0x40, 2, 0x12, 0x34 });
        Assert.True(MqttPacketFormatter.TryDecode(ref sequence, 100, out var packet));
        var ack = Assert.IsType<MqttPubAckPacket>(packet);
        Assert.Equal(0x1234, ack.PacketIdentifier);
        Assert.Equal(MqttReasonCode.Success, ack.ReasonCode);
    }

    [Fact]
    public void Subscribe_WithOptionsAndIdentifier_RoundTrips()
    {
        var packet = new MqttSubscribePacket
        {
            PacketIdentifier = 9,
            Properties = new MqttProperties { SubscriptionIdentifiers = [300], UserProperties = [new("u", "p")] },
            TopicFilters =
            [
                new MqttTopicFilter { Topic = "$share/gateway/twins/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce },
                new MqttTopicFilter { Topic = "a/+/b", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, NoLocal = true, RetainAsPublished = true, RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe },
            ],
        };

        var decoded = Assert.IsType<MqttSubscribePacket>(RoundTrip(packet));

        Assert.Equal(9, decoded.PacketIdentifier);
        Assert.Equal([300u], decoded.Properties!.SubscriptionIdentifiers);
        Assert.Equal(2, decoded.TopicFilters.Count);
        var second = decoded.TopicFilters[1];
        Assert.Equal("a/+/b", second.Topic);
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, second.QualityOfServiceLevel);
        Assert.True(second.NoLocal);
        Assert.True(second.RetainAsPublished);
        Assert.Equal(MqttRetainHandling.DoNotSendOnSubscribe, second.RetainHandling);
    }

    [Fact]
    public void SubAck_RoundTrips()
    {
        var decoded = Assert.IsType<MqttSubAckPacket>(RoundTrip(new MqttSubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.NotAuthorized],
            Properties = new MqttProperties { ReasonString = "partly" },
        }));
        Assert.Equal([MqttReasonCode.GrantedQoS1, MqttReasonCode.NotAuthorized], decoded.ReasonCodes);
        Assert.Equal("partly", decoded.Properties!.ReasonString);
    }

    [Fact]
    public void Unsubscribe_RoundTrips()
    {
        var decoded = Assert.IsType<MqttUnsubscribePacket>(RoundTrip(new MqttUnsubscribePacket { PacketIdentifier = 11, TopicFilters = ["a/#", "b"] }));
        Assert.Equal(["a/#", "b"], decoded.TopicFilters);
    }

    [Fact]
    public void UnsubAck_RoundTrips()
    {
        var decoded = Assert.IsType<MqttUnsubAckPacket>(RoundTrip(new MqttUnsubAckPacket { PacketIdentifier = 12, ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted] }));
        Assert.Equal([MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted], decoded.ReasonCodes);
    }

    [Fact]
    public void PingPackets_RoundTripAsTwoBytes()
    {
        Assert.IsType<MqttPingReqPacket>(RoundTrip(MqttPingReqPacket.Instance));
        Assert.IsType<MqttPingRespPacket>(RoundTrip(MqttPingRespPacket.Instance));
        Assert.Equal(2, MqttPacketFormatter.GetSize(MqttPingReqPacket.Instance));
    }

    [Fact]
    public void Disconnect_WithReasonAndProperties_RoundTrips()
    {
        var decoded = Assert.IsType<MqttDisconnectPacket>(RoundTrip(new MqttDisconnectPacket
        {
            ReasonCode = MqttReasonCode.SessionTakenOver,
            Properties = new MqttProperties { ReasonString = "taken over", SessionExpiryInterval = 0, ServerReference = "x" },
        }));
        Assert.Equal(MqttReasonCode.SessionTakenOver, decoded.ReasonCode);
        Assert.Equal("taken over", decoded.Properties!.ReasonString);
        Assert.Equal(2, MqttPacketFormatter.GetSize(new MqttDisconnectPacket()));
    }

    [Fact]
    public void Auth_RoundTrips()
    {
        var decoded = Assert.IsType<MqttAuthPacket>(RoundTrip(new MqttAuthPacket
        {
            ReasonCode = MqttReasonCode.ContinueAuthentication,
            Properties = new MqttProperties { AuthenticationMethod = "SCRAM-SHA-1", AuthenticationData = [1, 2] },
        }));
        Assert.Equal(MqttReasonCode.ContinueAuthentication, decoded.ReasonCode);
        Assert.Equal("SCRAM-SHA-1", decoded.Properties!.AuthenticationMethod);
    }

    [Fact]
    public void TryDecode_PartialPacket_WaitsForMore()
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(buffer, new MqttPublishPacket { Topic = "abc", Payload = new byte[300] });
        for (var length = 0; length < buffer.WrittenCount; length++)
        {
            var sequence = new ReadOnlySequence<byte>(buffer.WrittenMemory[..length]);
            Assert.False(MqttPacketFormatter.TryDecode(ref sequence, 1000, out _));
            Assert.Equal(length, sequence.Length);
        }
    }

    [Fact]
    public void TryDecode_FiveByteRemainingLength_IsMalformed()
    {
        var ex = DecodeFails(0x30, 0x80, 0x80, 0x80, 0x80, 0x01);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_FiveByteVariableByteIntegerInProperties_IsMalformed()
    {
        // PUBACK id 1, reason 0, property length encoded with 5 bytes.
        var ex = DecodeFails(0x40, 8, 0, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x01);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_InvalidUtf8Topic_IsMalformed()
    {
        var ex = DecodeFails(0x30, 5, 0, 2, 0xC3, 0x28, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_EncodedSurrogateInTopic_IsMalformed()
    {
        // U+D800 encoded as UTF-8 (ED A0 80) is not well-formed.
        var ex = DecodeFails(0x30, 6, 0, 3, 0xED, 0xA0, 0x80, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_NullCharacterInTopic_IsMalformed()
    {
        var ex = DecodeFails(0x30, 5, 0, 2, (byte)'a', 0, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Theory]
    [InlineData(0x60)] // PUBREL must be 0010
    [InlineData(0x41)] // PUBACK must be 0000
    [InlineData(0x80)] // SUBSCRIBE must be 0010
    [InlineData(0xA0)] // UNSUBSCRIBE must be 0010
    [InlineData(0xD1)] // PINGRESP must be 0000
    public void TryDecode_WrongFixedHeaderFlags_IsMalformed(byte first)
    {
        var ex = DecodeFails(first, 2, 0, 1);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_PublishWithQoS3_IsMalformed()
    {
        var ex = DecodeFails(0x36, 6, 0, 1, (byte)'t', 0, 1, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_DuplicateProperty_IsProtocolError()
    {
        // PUBLISH QoS 0 topic "t" with Message Expiry Interval twice.
        var ex = DecodeFails(0x30, 15, 0, 1, (byte)'t', 10, 0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 2, 9);
        Assert.Equal(MqttReasonCode.ProtocolError, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_RepeatedUserPropertiesAndSubscriptionIdentifiers_AreAllowed()
    {
        var packet = new MqttPublishPacket { Topic = "t", Properties = new MqttProperties { SubscriptionIdentifiers = [1, 2], UserProperties = [new("a", "1"), new("a", "1")] } };
        var decoded = Assert.IsType<MqttPublishPacket>(RoundTrip(packet));
        Assert.Equal(2, decoded.Properties!.UserProperties!.Count);
        Assert.Equal(2, decoded.Properties.SubscriptionIdentifiers!.Count);
    }

    [Fact]
    public void TryDecode_PropertyNotAllowedInPacket_IsMalformed()
    {
        // PUBACK carrying a Topic Alias property.
        var ex = DecodeFails(0x40, 7, 0, 1, 0, 3, 0x23, 0, 1);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_OversizePacket_IsPacketTooLargeBeforeTheBodyArrives()
    {
        // Header announces 2,000 bytes; only the header is here.
        var sequence = new ReadOnlySequence<byte>(new byte[] { 0x30, 0xD0, 0x0F });
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.TryDecode(ref sequence, 1024, out _));
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
    }

    [Fact]
    public void Encode_OverServerMaximum_ThrowsWithoutWriting()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var ex = Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.Encode(buffer, new MqttPublishPacket { Topic = "t", Payload = new byte[200] }, maximumPacketSize: 100));
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void TryDecode_TrailingBytes_IsMalformed()
    {
        var ex = DecodeFails(0xD0, 1, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_PacketIdentifierZero_IsMalformed()
    {
        var ex = DecodeFails(0x40, 2, 0, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_ReceiveMaximumZero_IsProtocolError()
    {
        var ex = DecodeFails(0x20, 6, 0, 0, 3, 0x21, 0, 0);
        Assert.Equal(MqttReasonCode.ProtocolError, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_ReservedPacketType_IsMalformed()
    {
        var ex = DecodeFails(0x00, 0);
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_ConnectWithProtocolLevel4_IsUnsupportedProtocolVersion()
    {
        var ex = DecodeFails(0x10, 10, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 2, 0, 60);
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, ex.ReasonCode);
    }

    [Fact]
    public void TryDecode_TwoPacketsInOneBuffer_DecodesBoth()
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(buffer, new MqttPubAckPacket { PacketIdentifier = 1 });
        MqttPacketFormatter.Encode(buffer, new MqttPubAckPacket { PacketIdentifier = 2 });
        var sequence = new ReadOnlySequence<byte>(buffer.WrittenMemory);
        Assert.True(MqttPacketFormatter.TryDecode(ref sequence, 100, out var first));
        Assert.True(MqttPacketFormatter.TryDecode(ref sequence, 100, out var second));
        Assert.Equal(1, ((MqttPubAckPacket)first!).PacketIdentifier);
        Assert.Equal(2, ((MqttPubAckPacket)second!).PacketIdentifier);
        Assert.False(MqttPacketFormatter.TryDecode(ref sequence, 100, out _));
    }

    [Fact]
    public void Encode_StringWithLoneSurrogate_Throws()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.ThrowsAny<ArgumentException>(() => MqttPacketFormatter.Encode(buffer, new MqttPublishPacket { Topic = "a\uD800" }));
    }
}
