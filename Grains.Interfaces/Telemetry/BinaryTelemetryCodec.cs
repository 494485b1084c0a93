using System.Buffers.Binary;

namespace Twins.Grains.Telemetry;

/// <summary>
/// The compact binary telemetry form, decoded by a versioned descriptor. All integers big-endian:
/// <code>
/// offset  size  field
///      0     1  magic 0x54 ('T')
///      1     1  layout version, 1
///      2     2  descriptor version (u16), must be configured
///      4     8  timestamp, epoch milliseconds (i64, ≥ 0)
///     12     8  seq (i64, ≥ 0)
///     20     2  signal count N (u16)
///     22        N × [signal id (u16)][raw value: 1, 2, 4 or 8 bytes as the descriptor's type says]
/// </code>
/// A value decodes to raw × scale + offset (booleans: 0 or 1, no scaling). The payload must end
/// exactly after the N-th value. About 3-5× smaller than the JSON form for typical CAN signals.
/// </summary>
public static class BinaryTelemetryCodec
{
    /// <summary>First byte of every binary payload.</summary>
    public const byte Magic = 0x54;

    /// <summary>The only layout version so far.</summary>
    public const byte LayoutVersion = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 22;

    /// <summary>Reads the descriptor version from a payload's header, or <c>null</c> when the header is not valid.</summary>
    public static int? PeekDescriptorVersion(ReadOnlySpan<byte> payload) =>
        payload.Length >= HeaderSize && payload[0] == Magic && payload[1] == LayoutVersion ? BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) : null;

    /// <summary>Decodes a binary payload; on failure returns <c>null</c> and the error.</summary>
    public static TelemetrySample? Decode(ReadOnlySpan<byte> payload, TelemetryDescriptorSet descriptors, out TelemetryError? error)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        if (PeekDescriptorVersion(payload) is not { } version)
        {
            return Fail(TelemetryErrorCode.MalformedBinary, "Binary telemetry must start with 0x54 0x01 and a 22-byte header.", out error);
        }

        if (!descriptors.TryGetVersion(version, out var signals))
        {
            return Fail(TelemetryErrorCode.UnknownDescriptorVersion, $"Descriptor version {version} is not configured.", out error);
        }

        var timestamp = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        var seq = BinaryPrimitives.ReadInt64BigEndian(payload[12..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(payload[20..]);
        if (timestamp < 0 || seq < 0)
        {
            return Fail(TelemetryErrorCode.MalformedBinary, "timestamp and seq must be non-negative.", out error);
        }

        if (count > TelemetryLimits.MaxSignals)
        {
            return Fail(TelemetryErrorCode.TooLarge, $"At most {TelemetryLimits.MaxSignals} signals per sample.", out error);
        }

        var values = new TelemetrySignal[count];
        var rest = payload[HeaderSize..];
        for (var i = 0; i < count; i++)
        {
            if (rest.Length < 2)
            {
                return Fail(TelemetryErrorCode.MalformedBinary, $"Payload ends before signal {i + 1} of {count}.", out error);
            }

            var id = BinaryPrimitives.ReadUInt16BigEndian(rest);
            rest = rest[2..];
            if (!signals.TryGetValue(id, out var signal))
            {
                return Fail(TelemetryErrorCode.UnknownSignal, $"Signal id {id} is not in descriptor version {version}.", out error);
            }

            var size = SizeOf(signal.Type);
            if (rest.Length < size)
            {
                return Fail(TelemetryErrorCode.MalformedBinary, $"Payload ends inside signal '{signal.Name}'.", out error);
            }

            values[i] = new TelemetrySignal(signal.Name, ReadValue(signal, rest[..size]));
            rest = rest[size..];
        }

        if (!rest.IsEmpty)
        {
            return Fail(TelemetryErrorCode.MalformedBinary, $"{rest.Length} bytes after the last signal.", out error);
        }

        error = null;
        return new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(timestamp), seq, values);
    }

    /// <summary>
    /// Encodes a sample (the simulator's and tests' side): each value is turned back into its raw
    /// form, (value − offset) / scale rounded for integer types.
    /// </summary>
    public static byte[] Encode(int descriptorVersion, TelemetryDescriptorSet descriptors, DateTimeOffset timestamp, long seq, IReadOnlyList<(ushort Id, double Value)> values)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        ArgumentNullException.ThrowIfNull(values);
        if (!descriptors.TryGetVersion(descriptorVersion, out var signals))
        {
            throw new ArgumentException($"Descriptor version {descriptorVersion} is not configured.", nameof(descriptorVersion));
        }

        var size = HeaderSize + values.Sum(v => 2 + SizeOf(signals[v.Id].Type));
        var buffer = new byte[size];
        buffer[0] = Magic;
        buffer[1] = LayoutVersion;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), checked((ushort)descriptorVersion));
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(4), timestamp.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(12), seq);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(20), checked((ushort)values.Count));
        var span = buffer.AsSpan(HeaderSize);
        foreach (var (id, value) in values)
        {
            var signal = signals[id];
            BinaryPrimitives.WriteUInt16BigEndian(span, id);
            span = span[2..];
            WriteValue(signal, value, span);
            span = span[SizeOf(signal.Type)..];
        }

        return buffer;
    }

    private static int SizeOf(SignalType type) => type switch
    {
        SignalType.Boolean or SignalType.I8 or SignalType.U8 => 1,
        SignalType.I16 or SignalType.U16 => 2,
        SignalType.I32 or SignalType.U32 or SignalType.F32 => 4,
        SignalType.I64 or SignalType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static TelemetryValue ReadValue(SignalDescriptor signal, ReadOnlySpan<byte> raw)
    {
        double value = signal.Type switch
        {
            SignalType.Boolean => raw[0] != 0 ? 1 : 0,
            SignalType.I8 => (sbyte)raw[0],
            SignalType.U8 => raw[0],
            SignalType.I16 => BinaryPrimitives.ReadInt16BigEndian(raw),
            SignalType.U16 => BinaryPrimitives.ReadUInt16BigEndian(raw),
            SignalType.I32 => BinaryPrimitives.ReadInt32BigEndian(raw),
            SignalType.U32 => BinaryPrimitives.ReadUInt32BigEndian(raw),
            SignalType.I64 => BinaryPrimitives.ReadInt64BigEndian(raw),
            SignalType.F32 => BinaryPrimitives.ReadSingleBigEndian(raw),
            SignalType.F64 => BinaryPrimitives.ReadDoubleBigEndian(raw),
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.Type, null),
        };
        return signal.Type == SignalType.Boolean
            ? TelemetryValue.FromBoolean(value != 0)
            : TelemetryValue.FromNumber((value * signal.Scale) + signal.Offset);
    }

    private static void WriteValue(SignalDescriptor signal, double value, Span<byte> destination)
    {
        var raw = signal.Type == SignalType.Boolean ? value : (value - signal.Offset) / signal.Scale;
        switch (signal.Type)
        {
            case SignalType.Boolean: destination[0] = raw != 0 ? (byte)1 : (byte)0; break;
            case SignalType.I8: destination[0] = (byte)checked((sbyte)Math.Round(raw)); break;
            case SignalType.U8: destination[0] = checked((byte)Math.Round(raw)); break;
            case SignalType.I16: BinaryPrimitives.WriteInt16BigEndian(destination, checked((short)Math.Round(raw))); break;
            case SignalType.U16: BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)Math.Round(raw))); break;
            case SignalType.I32: BinaryPrimitives.WriteInt32BigEndian(destination, checked((int)Math.Round(raw))); break;
            case SignalType.U32: BinaryPrimitives.WriteUInt32BigEndian(destination, checked((uint)Math.Round(raw))); break;
            case SignalType.I64: BinaryPrimitives.WriteInt64BigEndian(destination, checked((long)Math.Round(raw))); break;
            case SignalType.F32: BinaryPrimitives.WriteSingleBigEndian(destination, (float)raw); break;
            case SignalType.F64: BinaryPrimitives.WriteDoubleBigEndian(destination, raw); break;
            default: throw new ArgumentOutOfRangeException(nameof(signal), signal.Type, null);
        }
    }

    private static TelemetrySample? Fail(TelemetryErrorCode code, string message, out TelemetryError? error)
    {
        error = new TelemetryError(code, message);
        return null;
    }
}
