using System.Buffers;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Formatter;

internal static partial class MqttPacketFormatter
{
    /// <summary>
    /// Decodes one packet from the front of <paramref name="buffer"/> and slices it off. Returns false
    /// when the packet is not complete yet (read more and call again). Throws
    /// <see cref="MqttProtocolException"/> for malformed input and for packets over
    /// <paramref name="maximumPacketSize"/> (0x95, detected from the header before the body arrives).
    /// </summary>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, uint maximumPacketSize, out MqttPacket? packet)
    {
        packet = null;
        if (buffer.IsEmpty)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[5];
        var available = (int)Math.Min(buffer.Length, 5);
        var first = buffer.FirstSpan;
        if (first.Length >= available)
        {
            first[..available].CopyTo(header);
        }
        else
        {
            buffer.Slice(0, available).CopyTo(header);
        }

        uint remaining = 0;
        var headerLength = 0;
        for (var i = 1; i <= 4; i++)
        {
            if (i >= available)
            {
                return false;
            }

            var digit = header[i];
            remaining |= (uint)(digit & 0x7F) << (7 * (i - 1));
            if ((digit & 0x80) == 0)
            {
                headerLength = i + 1;
                break;
            }
        }

        if (headerLength == 0)
        {
            ThrowHelper.Malformed("The Remaining Length has more than 4 bytes.");
        }

        var total = headerLength + (long)remaining;
        if (total > maximumPacketSize)
        {
            ThrowHelper.PacketTooLarge(total, maximumPacketSize);
        }

        if (buffer.Length < total)
        {
            return false;
        }

        var body = buffer.Slice(headerLength, remaining);
        if (body.IsSingleSegment)
        {
            packet = DecodeBody(header[0], body.FirstSpan);
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent((int)remaining);
            try
            {
                body.CopyTo(rented);
                packet = DecodeBody(header[0], rented.AsSpan(0, (int)remaining));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Decodes a packet body given its first header byte.</summary>
    public static MqttPacket DecodeBody(byte firstByte, ReadOnlySpan<byte> body)
    {
        var type = (MqttPacketType)(firstByte >> 4);
        var flags = firstByte & 0x0F;
        var expectedFlags = type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 0x02 : 0x00;
        if (type != MqttPacketType.Publish && flags != expectedFlags)
        {
            ThrowHelper.Malformed($"{type} has fixed-header flags {flags:X1}; they must be {expectedFlags:X1}.");
        }

        var reader = new MqttReader(body);
        MqttPacket packet = type switch
        {
            MqttPacketType.Publish => DecodePublish(ref reader, flags),
            MqttPacketType.PubAck => DecodeAck(ref reader, new MqttPubAckPacket()),
            MqttPacketType.PubRec => DecodeAck(ref reader, new MqttPubRecPacket()),
            MqttPacketType.PubRel => DecodeAck(ref reader, new MqttPubRelPacket()),
            MqttPacketType.PubComp => DecodeAck(ref reader, new MqttPubCompPacket()),
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttPacketType.SubAck => DecodeSubAck(ref reader),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => DecodeUnsubAck(ref reader),
            MqttPacketType.Disconnect => DecodeDisconnect(ref reader),
            MqttPacketType.Auth => DecodeAuth(ref reader),
            _ => throw new MqttProtocolException(MqttReasonCode.MalformedPacket, "Packet type 0 is reserved."),
        };

        if (!reader.End)
        {
            ThrowHelper.Malformed($"{type} has {reader.Remaining} unexpected trailing bytes.");
        }

        return packet;
    }

    private static MqttPublishPacket DecodePublish(ref MqttReader reader, int flags)
    {
        var qos = (flags >> 1) & 0x03;
        if (qos == 3)
        {
            ThrowHelper.Malformed("PUBLISH with QoS 3.");
        }

        var packet = new MqttPublishPacket
        {
            Dup = (flags & 0x08) != 0,
            Qos = (MqttQualityOfServiceLevel)qos,
            Retain = (flags & 0x01) != 0,
            Topic = reader.ReadString(),
        };
        if (packet.Qos == MqttQualityOfServiceLevel.AtMostOnce && packet.Dup)
        {
            ThrowHelper.Malformed("PUBLISH with QoS 0 has DUP set.");
        }

        if (packet.Topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            ThrowHelper.Malformed($"PUBLISH topic name '{packet.Topic}' contains a wildcard.");
        }

        if (packet.Qos != MqttQualityOfServiceLevel.AtMostOnce)
        {
            packet.PacketIdentifier = ReadPacketIdentifier(ref reader, "PUBLISH");
        }

        packet.Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.PublishAllowed, "PUBLISH");
        packet.Payload = reader.ReadToEnd().ToArray();
        return packet;
    }

    private static ushort ReadPacketIdentifier(ref MqttReader reader, string packetName)
    {
        var id = reader.ReadUInt16();
        if (id == 0)
        {
            ThrowHelper.Malformed($"{packetName} has Packet Identifier 0.");
        }

        return id;
    }

    private static MqttAckPacket DecodeAck(ref MqttReader reader, MqttAckPacket packet)
    {
        packet.PacketIdentifier = ReadPacketIdentifier(ref reader, packet.Type.ToString());
        if (!reader.End)
        {
            packet.ReasonCode = (MqttReasonCode)reader.ReadByte();
            if (!reader.End)
            {
                packet.Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.AckAllowed, packet.Type.ToString());
            }
        }

        return packet;
    }

    private static MqttConnectPacket DecodeConnect(ref MqttReader reader)
    {
        var protocolName = reader.ReadString();
        if (protocolName != "MQTT")
        {
            ThrowHelper.Malformed($"CONNECT protocol name '{protocolName}' is not MQTT.");
        }

        var level = reader.ReadByte();
        if (level != 5)
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"Protocol level {level} is not MQTT 5.");
        }

        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            ThrowHelper.Malformed("CONNECT reserved flag is set.");
        }

        var willFlag = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        if (willQos == 3 || (!willFlag && (willQos != 0 || willRetain)))
        {
            ThrowHelper.Malformed("CONNECT will flags are inconsistent.");
        }

        var packet = new MqttConnectPacket
        {
            CleanStart = (flags & 0x02) != 0,
            KeepAlive = reader.ReadUInt16(),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.ConnectAllowed, "CONNECT"),
            ClientId = reader.ReadString(),
        };
        if (willFlag)
        {
            packet.WillProperties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.WillAllowed, "will");
            packet.WillTopic = reader.ReadString();
            packet.WillPayload = reader.ReadBinary().ToArray();
            packet.WillQos = (MqttQualityOfServiceLevel)willQos;
            packet.WillRetain = willRetain;
        }

        if ((flags & 0x80) != 0)
        {
            packet.UserName = reader.ReadString();
        }

        if ((flags & 0x40) != 0)
        {
            packet.Password = reader.ReadBinary().ToArray();
        }

        return packet;
    }

    private static MqttConnAckPacket DecodeConnAck(ref MqttReader reader)
    {
        var flags = reader.ReadByte();
        if ((flags & 0xFE) != 0)
        {
            ThrowHelper.Malformed("CONNACK reserved flags are set.");
        }

        return new MqttConnAckPacket
        {
            SessionPresent = flags == 1,
            ReasonCode = (MqttReasonCode)reader.ReadByte(),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.ConnAckAllowed, "CONNACK"),
        };
    }

    private static MqttSubscribePacket DecodeSubscribe(ref MqttReader reader)
    {
        var packet = new MqttSubscribePacket
        {
            PacketIdentifier = ReadPacketIdentifier(ref reader, "SUBSCRIBE"),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.SubscribeAllowed, "SUBSCRIBE"),
        };
        if (packet.Properties?.SubscriptionIdentifiers is { Count: > 1 })
        {
            ThrowHelper.ProtocolError("SUBSCRIBE carries more than one Subscription Identifier.");
        }

        while (!reader.End)
        {
            var topic = reader.ReadString();
            var options = reader.ReadByte();
            if ((options & 0xC0) != 0 || (options & 0x03) == 3 || ((options >> 4) & 0x03) == 3)
            {
                ThrowHelper.Malformed("SUBSCRIBE options byte is invalid.");
            }

            packet.TopicFilters.Add(new MqttTopicFilter
            {
                Topic = topic,
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)(options & 0x03),
                NoLocal = (options & 0x04) != 0,
                RetainAsPublished = (options & 0x08) != 0,
                RetainHandling = (MqttRetainHandling)((options >> 4) & 0x03),
            });
        }

        if (packet.TopicFilters.Count == 0)
        {
            ThrowHelper.ProtocolError("SUBSCRIBE has no topic filter.");
        }

        return packet;
    }

    private static MqttSubAckPacket DecodeSubAck(ref MqttReader reader)
    {
        var packet = new MqttSubAckPacket
        {
            PacketIdentifier = ReadPacketIdentifier(ref reader, "SUBACK"),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.AckAllowed, "SUBACK"),
        };
        while (!reader.End)
        {
            packet.ReasonCodes.Add((MqttReasonCode)reader.ReadByte());
        }

        return packet;
    }

    private static MqttUnsubscribePacket DecodeUnsubscribe(ref MqttReader reader)
    {
        var packet = new MqttUnsubscribePacket
        {
            PacketIdentifier = ReadPacketIdentifier(ref reader, "UNSUBSCRIBE"),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.UnsubscribeAllowed, "UNSUBSCRIBE"),
        };
        while (!reader.End)
        {
            packet.TopicFilters.Add(reader.ReadString());
        }

        if (packet.TopicFilters.Count == 0)
        {
            ThrowHelper.ProtocolError("UNSUBSCRIBE has no topic filter.");
        }

        return packet;
    }

    private static MqttUnsubAckPacket DecodeUnsubAck(ref MqttReader reader)
    {
        var packet = new MqttUnsubAckPacket
        {
            PacketIdentifier = ReadPacketIdentifier(ref reader, "UNSUBACK"),
            Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.AckAllowed, "UNSUBACK"),
        };
        while (!reader.End)
        {
            packet.ReasonCodes.Add((MqttReasonCode)reader.ReadByte());
        }

        return packet;
    }

    private static MqttDisconnectPacket DecodeDisconnect(ref MqttReader reader)
    {
        var packet = new MqttDisconnectPacket();
        if (!reader.End)
        {
            packet.ReasonCode = (MqttReasonCode)reader.ReadByte();
            if (!reader.End)
            {
                packet.Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.DisconnectAllowed, "DISCONNECT");
            }
        }

        return packet;
    }

    private static MqttAuthPacket DecodeAuth(ref MqttReader reader)
    {
        var packet = new MqttAuthPacket();
        if (!reader.End)
        {
            packet.ReasonCode = (MqttReasonCode)reader.ReadByte();
            if (!reader.End)
            {
                packet.Properties = MqttPropertiesFormatter.Read(ref reader, MqttPropertiesFormatter.AuthAllowed, "AUTH");
            }
        }

        return packet;
    }
}
