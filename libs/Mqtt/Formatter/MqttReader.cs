using System.Buffers.Binary;
using System.Text;

namespace Twins.Mqtt.Formatter;

/// <summary>Reads MQTT wire types from one packet's bytes; running past the end is a malformed packet.</summary>
internal ref struct MqttReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MqttReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool End => _position >= _buffer.Length;

    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            ThrowHelper.EndOfPacket();
        }

        return _buffer[_position++];
    }

    public ushort ReadUInt16()
    {
        if (Remaining < 2)
        {
            ThrowHelper.EndOfPacket();
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (Remaining < 4)
        {
            ThrowHelper.EndOfPacket();
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public uint ReadVariableByteInteger()
    {
        uint value = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = ReadByte();
            value |= (uint)(digit & 0x7F) << (7 * i);
            if ((digit & 0x80) == 0)
            {
                return value;
            }
        }

        ThrowHelper.Malformed("A Variable Byte Integer has more than 4 bytes.");
        return 0;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Remaining < count)
        {
            ThrowHelper.EndOfPacket();
        }

        var bytes = _buffer.Slice(_position, count);
        _position += count;
        return bytes;
    }

    public ReadOnlySpan<byte> ReadBinary() => ReadBytes(ReadUInt16());

    public string ReadString()
    {
        var bytes = ReadBinary();
        if (bytes.IsEmpty)
        {
            return "";
        }

        if (bytes.Contains((byte)0))
        {
            ThrowHelper.Malformed("A UTF-8 string contains U+0000.");
        }

        try
        {
            return MqttStrings.Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            ThrowHelper.Malformed("A string is not well-formed UTF-8.");
            return "";
        }
    }

    public ReadOnlySpan<byte> ReadToEnd() => ReadBytes(Remaining);
}
