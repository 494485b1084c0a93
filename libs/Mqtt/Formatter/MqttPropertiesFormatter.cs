using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Formatter;

/// <summary>Reads and writes the property section of a packet (§2.2.2), checking each property is allowed there.</summary>
internal static class MqttPropertiesFormatter
{
    public const ulong ConnectAllowed = 1UL << (int)MqttPropertyId.SessionExpiryInterval | 1UL << (int)MqttPropertyId.AuthenticationMethod
        | 1UL << (int)MqttPropertyId.AuthenticationData | 1UL << (int)MqttPropertyId.RequestProblemInformation
        | 1UL << (int)MqttPropertyId.RequestResponseInformation | 1UL << (int)MqttPropertyId.ReceiveMaximum
        | 1UL << (int)MqttPropertyId.TopicAliasMaximum | 1UL << (int)MqttPropertyId.UserProperty | 1UL << (int)MqttPropertyId.MaximumPacketSize;

    public const ulong WillAllowed = 1UL << (int)MqttPropertyId.PayloadFormatIndicator | 1UL << (int)MqttPropertyId.MessageExpiryInterval
        | 1UL << (int)MqttPropertyId.ContentType | 1UL << (int)MqttPropertyId.ResponseTopic | 1UL << (int)MqttPropertyId.CorrelationData
        | 1UL << (int)MqttPropertyId.WillDelayInterval | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong ConnAckAllowed = 1UL << (int)MqttPropertyId.SessionExpiryInterval | 1UL << (int)MqttPropertyId.AssignedClientIdentifier
        | 1UL << (int)MqttPropertyId.ServerKeepAlive | 1UL << (int)MqttPropertyId.AuthenticationMethod | 1UL << (int)MqttPropertyId.AuthenticationData
        | 1UL << (int)MqttPropertyId.ResponseInformation | 1UL << (int)MqttPropertyId.ServerReference | 1UL << (int)MqttPropertyId.ReasonString
        | 1UL << (int)MqttPropertyId.ReceiveMaximum | 1UL << (int)MqttPropertyId.TopicAliasMaximum | 1UL << (int)MqttPropertyId.MaximumQoS
        | 1UL << (int)MqttPropertyId.RetainAvailable | 1UL << (int)MqttPropertyId.UserProperty | 1UL << (int)MqttPropertyId.MaximumPacketSize
        | 1UL << (int)MqttPropertyId.WildcardSubscriptionAvailable | 1UL << (int)MqttPropertyId.SubscriptionIdentifierAvailable
        | 1UL << (int)MqttPropertyId.SharedSubscriptionAvailable;

    public const ulong PublishAllowed = 1UL << (int)MqttPropertyId.PayloadFormatIndicator | 1UL << (int)MqttPropertyId.MessageExpiryInterval
        | 1UL << (int)MqttPropertyId.ContentType | 1UL << (int)MqttPropertyId.ResponseTopic | 1UL << (int)MqttPropertyId.CorrelationData
        | 1UL << (int)MqttPropertyId.SubscriptionIdentifier | 1UL << (int)MqttPropertyId.TopicAlias | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong AckAllowed = 1UL << (int)MqttPropertyId.ReasonString | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong SubscribeAllowed = 1UL << (int)MqttPropertyId.SubscriptionIdentifier | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong UnsubscribeAllowed = 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong DisconnectAllowed = 1UL << (int)MqttPropertyId.SessionExpiryInterval | 1UL << (int)MqttPropertyId.ServerReference
        | 1UL << (int)MqttPropertyId.ReasonString | 1UL << (int)MqttPropertyId.UserProperty;

    public const ulong AuthAllowed = 1UL << (int)MqttPropertyId.AuthenticationMethod | 1UL << (int)MqttPropertyId.AuthenticationData
        | 1UL << (int)MqttPropertyId.ReasonString | 1UL << (int)MqttPropertyId.UserProperty;

    /// <summary>Writes the property length and the properties; <paramref name="topicAlias"/> overrides the packet's alias.</summary>
    public static void Write(ref MqttWriter writer, MqttProperties? properties, ushort topicAlias = 0)
    {
        if (properties is null && topicAlias == 0)
        {
            writer.WriteByte(0);
            return;
        }

        var measure = MqttWriter.Measure();
        WriteBody(ref measure, properties, topicAlias);
        writer.WriteVariableByteInteger((uint)measure.Position);
        WriteBody(ref writer, properties, topicAlias);
    }

    private static void WriteBody(ref MqttWriter w, MqttProperties? p, ushort topicAlias)
    {
        if (topicAlias != 0)
        {
            w.WriteByte((byte)MqttPropertyId.TopicAlias);
            w.WriteUInt16(topicAlias);
        }

        if (p is null)
        {
            return;
        }

        WriteByteProperty(ref w, MqttPropertyId.PayloadFormatIndicator, p.PayloadFormatIndicator);
        WriteUInt32Property(ref w, MqttPropertyId.MessageExpiryInterval, p.MessageExpiryInterval);
        WriteStringProperty(ref w, MqttPropertyId.ContentType, p.ContentType);
        WriteStringProperty(ref w, MqttPropertyId.ResponseTopic, p.ResponseTopic);
        if (p.CorrelationData is { } correlation)
        {
            w.WriteByte((byte)MqttPropertyId.CorrelationData);
            w.WriteBinary(correlation);
        }

        if (p.SubscriptionIdentifiers is { } ids)
        {
            foreach (var id in ids)
            {
                w.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
                w.WriteVariableByteInteger(id);
            }
        }

        WriteUInt32Property(ref w, MqttPropertyId.SessionExpiryInterval, p.SessionExpiryInterval);
        WriteStringProperty(ref w, MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        WriteUInt16Property(ref w, MqttPropertyId.ServerKeepAlive, p.ServerKeepAlive);
        WriteStringProperty(ref w, MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        if (p.AuthenticationData is { } authData)
        {
            w.WriteByte((byte)MqttPropertyId.AuthenticationData);
            w.WriteBinary(authData);
        }

        WriteByteProperty(ref w, MqttPropertyId.RequestProblemInformation, p.RequestProblemInformation);
        WriteUInt32Property(ref w, MqttPropertyId.WillDelayInterval, p.WillDelayInterval);
        WriteByteProperty(ref w, MqttPropertyId.RequestResponseInformation, p.RequestResponseInformation);
        WriteStringProperty(ref w, MqttPropertyId.ResponseInformation, p.ResponseInformation);
        WriteStringProperty(ref w, MqttPropertyId.ServerReference, p.ServerReference);
        WriteStringProperty(ref w, MqttPropertyId.ReasonString, p.ReasonString);
        WriteUInt16Property(ref w, MqttPropertyId.ReceiveMaximum, p.ReceiveMaximum);
        WriteUInt16Property(ref w, MqttPropertyId.TopicAliasMaximum, p.TopicAliasMaximum);
        if (topicAlias == 0)
        {
            WriteUInt16Property(ref w, MqttPropertyId.TopicAlias, p.TopicAlias);
        }

        WriteByteProperty(ref w, MqttPropertyId.MaximumQoS, p.MaximumQoS);
        WriteByteProperty(ref w, MqttPropertyId.RetainAvailable, p.RetainAvailable);
        if (p.UserProperties is { } users)
        {
            foreach (var user in users)
            {
                w.WriteByte((byte)MqttPropertyId.UserProperty);
                w.WriteString(user.Name);
                w.WriteString(user.Value);
            }
        }

        WriteUInt32Property(ref w, MqttPropertyId.MaximumPacketSize, p.MaximumPacketSize);
        WriteByteProperty(ref w, MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        WriteByteProperty(ref w, MqttPropertyId.SubscriptionIdentifierAvailable, p.SubscriptionIdentifierAvailable);
        WriteByteProperty(ref w, MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);
    }

    private static void WriteByteProperty(ref MqttWriter w, MqttPropertyId id, byte? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteByte(v);
        }
    }

    private static void WriteUInt16Property(ref MqttWriter w, MqttPropertyId id, ushort? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteUInt16(v);
        }
    }

    private static void WriteUInt32Property(ref MqttWriter w, MqttPropertyId id, uint? value)
    {
        if (value is { } v)
        {
            w.WriteByte((byte)id);
            w.WriteUInt32(v);
        }
    }

    private static void WriteStringProperty(ref MqttWriter w, MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            w.WriteByte((byte)id);
            w.WriteString(value);
        }
    }

    /// <summary>Reads a property section; returns null when it is empty.</summary>
    public static MqttProperties? Read(ref MqttReader reader, ulong allowed, string packetName)
    {
        var length = reader.ReadVariableByteInteger();
        if (length == 0)
        {
            return null;
        }

        if (length > reader.Remaining)
        {
            ThrowHelper.Malformed($"The {packetName} property length {length} runs past the end of the packet.");
        }

        var section = new MqttReader(reader.ReadBytes((int)length));
        var p = new MqttProperties();
        ulong seen = 0;
        while (!section.End)
        {
            var raw = section.ReadVariableByteInteger();
            if (raw > 63 || (allowed & (1UL << (int)raw)) == 0)
            {
                ThrowHelper.Malformed($"Property 0x{raw:X2} is not allowed in {packetName}.");
            }

            var id = (MqttPropertyId)raw;
            if (id is not MqttPropertyId.UserProperty and not MqttPropertyId.SubscriptionIdentifier)
            {
                if ((seen & (1UL << (int)raw)) != 0)
                {
                    ThrowHelper.ProtocolError($"Property {id} appears more than once in {packetName}.");
                }

                seen |= 1UL << (int)raw;
            }

            switch (id)
            {
                case MqttPropertyId.PayloadFormatIndicator: p.PayloadFormatIndicator = ReadFlag(ref section, id); break;
                case MqttPropertyId.MessageExpiryInterval: p.MessageExpiryInterval = section.ReadUInt32(); break;
                case MqttPropertyId.ContentType: p.ContentType = section.ReadString(); break;
                case MqttPropertyId.ResponseTopic: p.ResponseTopic = section.ReadString(); break;
                case MqttPropertyId.CorrelationData: p.CorrelationData = section.ReadBinary().ToArray(); break;
                case MqttPropertyId.SubscriptionIdentifier:
                    var subscriptionId = section.ReadVariableByteInteger();
                    if (subscriptionId == 0)
                    {
                        ThrowHelper.ProtocolError("A Subscription Identifier of 0 is a protocol error.");
                    }

                    (p.SubscriptionIdentifiers ??= []).Add(subscriptionId);
                    break;
                case MqttPropertyId.SessionExpiryInterval: p.SessionExpiryInterval = section.ReadUInt32(); break;
                case MqttPropertyId.AssignedClientIdentifier: p.AssignedClientIdentifier = section.ReadString(); break;
                case MqttPropertyId.ServerKeepAlive: p.ServerKeepAlive = section.ReadUInt16(); break;
                case MqttPropertyId.AuthenticationMethod: p.AuthenticationMethod = section.ReadString(); break;
                case MqttPropertyId.AuthenticationData: p.AuthenticationData = section.ReadBinary().ToArray(); break;
                case MqttPropertyId.RequestProblemInformation: p.RequestProblemInformation = ReadFlag(ref section, id); break;
                case MqttPropertyId.WillDelayInterval: p.WillDelayInterval = section.ReadUInt32(); break;
                case MqttPropertyId.RequestResponseInformation: p.RequestResponseInformation = ReadFlag(ref section, id); break;
                case MqttPropertyId.ResponseInformation: p.ResponseInformation = section.ReadString(); break;
                case MqttPropertyId.ServerReference: p.ServerReference = section.ReadString(); break;
                case MqttPropertyId.ReasonString: p.ReasonString = section.ReadString(); break;
                case MqttPropertyId.ReceiveMaximum:
                    p.ReceiveMaximum = section.ReadUInt16();
                    if (p.ReceiveMaximum == 0)
                    {
                        ThrowHelper.ProtocolError("A Receive Maximum of 0 is a protocol error.");
                    }

                    break;
                case MqttPropertyId.TopicAliasMaximum: p.TopicAliasMaximum = section.ReadUInt16(); break;
                case MqttPropertyId.TopicAlias: p.TopicAlias = section.ReadUInt16(); break;
                case MqttPropertyId.MaximumQoS: p.MaximumQoS = ReadFlag(ref section, id); break;
                case MqttPropertyId.RetainAvailable: p.RetainAvailable = ReadFlag(ref section, id); break;
                case MqttPropertyId.UserProperty:
                    var name = section.ReadString();
                    var value = section.ReadString();
                    (p.UserProperties ??= []).Add(new MqttUserProperty(name, value));
                    break;
                case MqttPropertyId.MaximumPacketSize:
                    p.MaximumPacketSize = section.ReadUInt32();
                    if (p.MaximumPacketSize == 0)
                    {
                        ThrowHelper.ProtocolError("A Maximum Packet Size of 0 is a protocol error.");
                    }

                    break;
                case MqttPropertyId.WildcardSubscriptionAvailable: p.WildcardSubscriptionAvailable = ReadFlag(ref section, id); break;
                case MqttPropertyId.SubscriptionIdentifierAvailable: p.SubscriptionIdentifierAvailable = ReadFlag(ref section, id); break;
                case MqttPropertyId.SharedSubscriptionAvailable: p.SharedSubscriptionAvailable = ReadFlag(ref section, id); break;
                default:
                    ThrowHelper.Malformed($"Unknown property 0x{raw:X2} in {packetName}.");
                    break;
            }
        }

        return p;
    }

    private static byte ReadFlag(ref MqttReader reader, MqttPropertyId id)
    {
        var value = reader.ReadByte();
        if (value > 1)
        {
            ThrowHelper.ProtocolError($"Property {id} must be 0 or 1, not {value}.");
        }

        return value;
    }
}
