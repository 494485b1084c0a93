using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Twins.Actors.Transport.Internal;

/// <summary>Splits frames off a received sequence and reads the fields of their bodies.</summary>
internal static class FrameReader
{
    /// <summary>Largest frame accepted (16 MiB): a bigger length is a protocol error, not a reason to buffer.</summary>
    public const int MaxFrameLength = 16 << 20;

    /// <summary>Takes one complete frame off <paramref name="buffer"/>; false when more bytes are needed.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out FrameType type, out long id, out ReadOnlySequence<byte> body)
    {
        type = default;
        id = 0;
        body = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[FrameBuffer.HeaderSize];
        var length = ReadUInt32(buffer, header);
        if (length < FrameBuffer.HeaderSize - 4 || length > MaxFrameLength)
        {
            throw new InvalidDataException($"Frame length {length} is outside 9..{MaxFrameLength}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        buffer.Slice(0, FrameBuffer.HeaderSize).CopyTo(header);
        type = (FrameType)header[4];
        id = BinaryPrimitives.ReadInt64LittleEndian(header[5..]);
        body = buffer.Slice(FrameBuffer.HeaderSize, length - (FrameBuffer.HeaderSize - 4));
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private static uint ReadUInt32(ReadOnlySequence<byte> buffer, Span<byte> scratch)
    {
        if (buffer.FirstSpan.Length >= 4)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(buffer.FirstSpan);
        }

        buffer.Slice(0, 4).CopyTo(scratch);
        return BinaryPrimitives.ReadUInt32LittleEndian(scratch);
    }

    public static long ReadInt64(ref SequenceReader<byte> reader) =>
        reader.TryReadLittleEndian(out long value) ? value : throw Truncated();

    public static int ReadInt32(ref SequenceReader<byte> reader) =>
        reader.TryReadLittleEndian(out int value) ? value : throw Truncated();

    public static byte ReadByte(ref SequenceReader<byte> reader) =>
        reader.TryRead(out var value) ? value : throw Truncated();

    public static string ReadString(ref SequenceReader<byte> reader)
    {
        var length = ReadInt32(ref reader);
        if (length < 0 || length > reader.Remaining)
        {
            throw new InvalidDataException($"String length {length} exceeds the frame.");
        }

        string value;
        if (reader.UnreadSpan.Length >= length)
        {
            value = Encoding.UTF8.GetString(reader.UnreadSpan[..length]);
        }
        else
        {
            value = Encoding.UTF8.GetString(reader.UnreadSequence.Slice(0, length));
        }

        reader.Advance(length);
        return value;
    }

    private static InvalidDataException Truncated() => new("The frame ended inside a field.");
}
