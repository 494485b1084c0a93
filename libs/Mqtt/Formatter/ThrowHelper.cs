using System.Diagnostics.CodeAnalysis;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Formatter;

/// <summary>Throws off the hot path so the callers stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Malformed(string message) => throw new MqttProtocolException(MqttReasonCode.MalformedPacket, message);

    [DoesNotReturn]
    public static void ProtocolError(string message) => throw new MqttProtocolException(MqttReasonCode.ProtocolError, message);

    [DoesNotReturn]
    public static void PacketTooLarge(long size, long maximum) =>
        throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"Packet of {size} bytes exceeds the maximum packet size of {maximum} bytes.");

    [DoesNotReturn]
    public static void EndOfPacket() => Malformed("The packet ended before a field was complete.");
}
