using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// A reusable buffer one frame is built in before it is copied to a connection: header first (its length
/// patched at the end), then the body's fields and JSON. Rented per send and returned, so steady-state
/// sends allocate nothing here.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    public const int HeaderSize = 13;

    [ThreadStatic]
    private static FrameBuffer? _cached;

    private byte[] _buffer = new byte[1024];
    private int _written;
    private Utf8JsonWriter? _json;

    public static FrameBuffer Rent()
    {
        var buffer = _cached ?? new FrameBuffer();
        _cached = null;
        buffer._written = 0;
        return buffer;
    }

    public static void Return(FrameBuffer buffer)
    {
        if (buffer._buffer.Length <= 1 << 20)
        {
            _cached = buffer;
        }
    }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    public void BeginFrame(FrameType type, long id)
    {
        _written = HeaderSize;
        _buffer[4] = (byte)type;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(5), id);
    }

    public void EndFrame() => BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)(_written - 4));

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        Advance(8);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = GetSpan(4 + max);
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        Advance(4 + length);
    }

    /// <summary>A JSON writer appending to this buffer (flush it before the next field).</summary>
    public Utf8JsonWriter Json()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(this, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            _json.Reset(this);
        }

        return _json;
    }

    public void Advance(int count) => _written += count;

    public void Dispose() => _json?.Dispose();

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 256);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
