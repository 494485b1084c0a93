using System.Buffers.Binary;

namespace Twins.Mqtt.Formatter;

/// <summary>
/// Writes MQTT wire types into a span, or only counts their size when created with
/// <see cref="Measure"/>: each packet is encoded by one method run twice, first to size the packet,
/// then into a span of exactly that size from the pipe, so encoding never copies or allocates.
/// </summary>
internal ref struct MqttWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measureOnly;
    private int _position;

    public MqttWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _measureOnly = false;
        _position = 0;
    }

    private MqttWriter(bool measureOnly)
    {
        _buffer = default;
        _measureOnly = measureOnly;
        _position = 0;
    }

    public static MqttWriter Measure() => new(measureOnly: true);

    public readonly int Position => _position;

    public void WriteByte(byte value)
    {
        if (!_measureOnly)
        {
            _buffer[_position] = value;
        }

        _position++;
    }

    public void WriteUInt16(ushort value)
    {
        if (!_measureOnly)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        }

        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        if (!_measureOnly)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        }

        _position += 4;
    }

    public void WriteVariableByteInteger(uint value)
    {
        if (value > MqttVariableByteInteger.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A Variable Byte Integer holds at most 268,435,455.");
        }

        if (_measureOnly)
        {
            _position += MqttVariableByteInteger.GetSize(value);
            return;
        }

        do
        {
            var digit = (byte)(value & 0x7F);
            value >>= 7;
            if (value > 0)
            {
                digit |= 0x80;
            }

            _buffer[_position++] = digit;
        }
        while (value > 0);
    }

    public void WriteString(string value)
    {
        if (_measureOnly)
        {
            _position += 2 + GetStringByteCount(value);
            return;
        }

        var written = MqttStrings.Strict.GetBytes(value, _buffer[(_position + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)written);
        _position += 2 + written;
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Binary data is limited to 65,535 bytes.", nameof(value));
        }

        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        if (!_measureOnly)
        {
            value.CopyTo(_buffer[_position..]);
        }

        _position += value.Length;
    }

    private static int GetStringByteCount(string value)
    {
        var count = MqttStrings.Strict.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException($"A UTF-8 string is limited to 65,535 bytes; this one has {count}.", nameof(value));
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("MQTT strings must not contain U+0000.", nameof(value));
        }

        return count;
    }
}
