using System.Buffers;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Formatter;

/// <summary>
/// Encodes MQTT 5.0 packets into an <see cref="IBufferWriter{T}"/> (a pipe) and decodes them from a
/// <see cref="ReadOnlySequence{T}"/> with strict validation: every malformed input ends in a
/// <see cref="MqttProtocolException"/> carrying the reason code to disconnect with.
/// </summary>
internal static partial class MqttPacketFormatter
{
    /// <summary>The largest packet MQTT can express: 1 type byte, 4 length bytes and 268,435,455 bytes.</summary>
    public const uint AbsoluteMaximumPacketSize = 1 + 4 + MqttVariableByteInteger.MaxValue;

    /// <summary>Size of the whole packet on the wire.</summary>
    public static int GetSize(MqttPacket packet, string? topic = null, ushort topicAlias = 0)
    {
        var measure = MqttWriter.Measure();
        WriteBody(ref measure, packet, topic, topicAlias);
        var remaining = measure.Position;
        return 1 + MqttVariableByteInteger.GetSize((uint)remaining) + remaining;
    }

    /// <summary>
    /// Writes <paramref name="packet"/>. For PUBLISH, <paramref name="topic"/> and <paramref name="topicAlias"/>
    /// replace the packet's topic on this connection only (the stored packet keeps the full topic for resends).
    /// Throws <see cref="MqttProtocolException"/> (0x95) without writing when the packet exceeds <paramref name="maximumPacketSize"/>.
    /// </summary>
    public static int Encode(IBufferWriter<byte> output, MqttPacket packet, string? topic = null, ushort topicAlias = 0, uint maximumPacketSize = AbsoluteMaximumPacketSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(packet);
        var measure = MqttWriter.Measure();
        WriteBody(ref measure, packet, topic, topicAlias);
        var remaining = measure.Position;
        if ((uint)remaining > MqttVariableByteInteger.MaxValue)
        {
            ThrowHelper.PacketTooLarge(remaining, MqttVariableByteInteger.MaxValue);
        }

        var total = 1 + MqttVariableByteInteger.GetSize((uint)remaining) + remaining;
        if ((uint)total > maximumPacketSize)
        {
            ThrowHelper.PacketTooLarge(total, maximumPacketSize);
        }

        var writer = new MqttWriter(output.GetSpan(total));
        writer.WriteByte(GetFirstByte(packet));
        writer.WriteVariableByteInteger((uint)remaining);
        WriteBody(ref writer, packet, topic, topicAlias);
        output.Advance(total);
        return total;
    }

    private static byte GetFirstByte(MqttPacket packet)
    {
        var type = (byte)((byte)packet.Type << 4);
        return packet switch
        {
            MqttPublishPacket p => (byte)(type | (p.Dup ? 0x08 : 0) | ((int)p.Qos << 1) | (p.Retain ? 0x01 : 0)),
            MqttPubRelPacket or MqttSubscribePacket or MqttUnsubscribePacket => (byte)(type | 0x02),
            _ => type,
        };
    }

    private static void WriteBody(ref MqttWriter w, MqttPacket packet, string? topic, ushort topicAlias)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                w.WriteString(topic ?? publish.Topic);
                if (publish.Qos != MqttQualityOfServiceLevel.AtMostOnce)
                {
                    w.WriteUInt16(publish.PacketIdentifier);
                }

                MqttPropertiesFormatter.Write(ref w, publish.Properties, topicAlias);
                w.WriteBytes(publish.Payload.Span);
                break;
            case MqttAckPacket ack:
                w.WriteUInt16(ack.PacketIdentifier);
                if (ack.ReasonCode != MqttReasonCode.Success || ack.Properties is not null)
                {
                    w.WriteByte((byte)ack.ReasonCode);
                    if (ack.Properties is not null)
                    {
                        MqttPropertiesFormatter.Write(ref w, ack.Properties);
                    }
                }

                break;
            case MqttPingReqPacket or MqttPingRespPacket:
                break;
            case MqttConnectPacket connect:
                WriteConnect(ref w, connect);
                break;
            case MqttConnAckPacket connAck:
                w.WriteByte(connAck.SessionPresent ? (byte)1 : (byte)0);
                w.WriteByte((byte)connAck.ReasonCode);
                MqttPropertiesFormatter.Write(ref w, connAck.Properties);
                break;
            case MqttSubscribePacket subscribe:
                w.WriteUInt16(subscribe.PacketIdentifier);
                MqttPropertiesFormatter.Write(ref w, subscribe.Properties);
                foreach (var filter in subscribe.TopicFilters)
                {
                    w.WriteString(filter.Topic);
                    w.WriteByte((byte)((int)filter.QualityOfServiceLevel | (filter.NoLocal ? 0x04 : 0) | (filter.RetainAsPublished ? 0x08 : 0) | ((int)filter.RetainHandling << 4)));
                }

                break;
            case MqttSubAckPacket subAck:
                w.WriteUInt16(subAck.PacketIdentifier);
                MqttPropertiesFormatter.Write(ref w, subAck.Properties);
                foreach (var code in subAck.ReasonCodes)
                {
                    w.WriteByte((byte)code);
                }

                break;
            case MqttUnsubscribePacket unsubscribe:
                w.WriteUInt16(unsubscribe.PacketIdentifier);
                MqttPropertiesFormatter.Write(ref w, unsubscribe.Properties);
                foreach (var filter in unsubscribe.TopicFilters)
                {
                    w.WriteString(filter);
                }

                break;
            case MqttUnsubAckPacket unsubAck:
                w.WriteUInt16(unsubAck.PacketIdentifier);
                MqttPropertiesFormatter.Write(ref w, unsubAck.Properties);
                foreach (var code in unsubAck.ReasonCodes)
                {
                    w.WriteByte((byte)code);
                }

                break;
            case MqttDisconnectPacket disconnect:
                WriteReasonAndProperties(ref w, disconnect.ReasonCode, disconnect.Properties);
                break;
            case MqttAuthPacket auth:
                WriteReasonAndProperties(ref w, auth.ReasonCode, auth.Properties);
                break;
            default:
                throw new ArgumentException($"Cannot encode {packet.GetType().Name}.", nameof(packet));
        }
    }

    private static void WriteReasonAndProperties(ref MqttWriter w, MqttReasonCode reasonCode, MqttProperties? properties)
    {
        if (reasonCode == MqttReasonCode.Success && properties is null)
        {
            return;
        }

        w.WriteByte((byte)reasonCode);
        if (properties is not null)
        {
            MqttPropertiesFormatter.Write(ref w, properties);
        }
    }

    private static void WriteConnect(ref MqttWriter w, MqttConnectPacket connect)
    {
        w.WriteString("MQTT");
        w.WriteByte(5);
        var flags = 0;
        if (connect.UserName is not null)
        {
            flags |= 0x80;
        }

        if (connect.Password is not null)
        {
            flags |= 0x40;
        }

        if (connect.WillTopic is not null)
        {
            flags |= 0x04 | ((int)connect.WillQos << 3) | (connect.WillRetain ? 0x20 : 0);
        }

        if (connect.CleanStart)
        {
            flags |= 0x02;
        }

        w.WriteByte((byte)flags);
        w.WriteUInt16(connect.KeepAlive);
        MqttPropertiesFormatter.Write(ref w, connect.Properties);
        w.WriteString(connect.ClientId);
        if (connect.WillTopic is not null)
        {
            MqttPropertiesFormatter.Write(ref w, connect.WillProperties);
            w.WriteString(connect.WillTopic);
            w.WriteBinary(connect.WillPayload.Span);
        }

        if (connect.UserName is not null)
        {
            w.WriteString(connect.UserName);
        }

        if (connect.Password is not null)
        {
            w.WriteBinary(connect.Password);
        }
    }
}
