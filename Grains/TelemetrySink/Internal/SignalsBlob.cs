using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Twins.Grains.Telemetry;

namespace Twins.Grains.TelemetrySink.Internal;

/// <summary>
/// The compact form of one sample's signals stored in the sink's <c>signals</c> column: a format byte, then per
/// signal its UTF-8 name (length-prefixed), its kind and its value (an IEEE double little-endian, one byte for a
/// boolean, or length-prefixed UTF-8 text). Lengths are unsigned LEB128. Exact for every value, NaN included.
/// </summary>
internal static class SignalsBlob
{
    private const byte Format = 1;

    /// <summary>Appends the encoded signals to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<TelemetrySignal> signals, IBufferWriter<byte> output)
    {
        Put(output, Format);
        foreach (var signal in signals)
        {
            WriteString(output, signal.Name);
            var value = signal.Value;
            Put(output, (byte)value.Kind);
            switch (value.Kind)
            {
                case TelemetryValueKind.Number:
                    var span = output.GetSpan(8);
                    BinaryPrimitives.WriteDoubleLittleEndian(span, value.Number);
                    output.Advance(8);
                    break;
                case TelemetryValueKind.Boolean:
                    Put(output, value.Boolean ? (byte)1 : (byte)0);
                    break;
                default:
                    WriteString(output, value.Text ?? "");
                    break;
            }
        }
    }

    /// <summary>Every signal of an encoded sample, in the order they were written.</summary>
    public static List<TelemetrySignal> Read(ReadOnlySpan<byte> blob)
    {
        var signals = new List<TelemetrySignal>();
        var reader = new Reader(blob);
        while (reader.TryNextName(out var name))
        {
            signals.Add(new TelemetrySignal(Encoding.UTF8.GetString(name), reader.ReadValue(decode: true)));
        }

        return signals;
    }

    /// <summary>The value of the signal whose UTF-8 name is <paramref name="utf8Name"/>, if the sample has it.</summary>
    public static bool TryFind(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> utf8Name, out TelemetryValue value)
    {
        var reader = new Reader(blob);
        while (reader.TryNextName(out var name))
        {
            var found = name.SequenceEqual(utf8Name);
            value = reader.ReadValue(decode: found);
            if (found)
            {
                return true;
            }
        }

        value = default;
        return false;
    }

    private static void Put(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteString(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(5 + length);
        var at = 0;
        var rest = (uint)length;
        while (rest >= 0x80)
        {
            span[at++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        span[at++] = (byte)rest;
        at += Encoding.UTF8.GetBytes(text, span[at..]);
        output.Advance(at);
    }

    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _blob;
        private int _at;

        public Reader(ReadOnlySpan<byte> blob)
        {
            if (blob.IsEmpty || blob[0] != Format)
            {
                throw new InvalidDataException($"Unknown telemetry signals format {(blob.IsEmpty ? "(empty)" : blob[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
            }

            _blob = blob;
            _at = 1;
        }

        public bool TryNextName(out ReadOnlySpan<byte> name)
        {
            if (_at >= _blob.Length)
            {
                name = default;
                return false;
            }

            name = ReadBytes();
            return true;
        }

        /// <summary>The value after the name just read; with <paramref name="decode"/> false a text value is skipped, not decoded.</summary>
        public TelemetryValue ReadValue(bool decode)
        {
            var kind = (TelemetryValueKind)_blob[_at++];
            switch (kind)
            {
                case TelemetryValueKind.Number:
                    var number = BinaryPrimitives.ReadDoubleLittleEndian(_blob.Slice(_at, 8));
                    _at += 8;
                    return TelemetryValue.FromNumber(number);
                case TelemetryValueKind.Boolean:
                    return TelemetryValue.FromBoolean(_blob[_at++] != 0);
                case TelemetryValueKind.Text:
                    var text = ReadBytes();
                    return decode ? TelemetryValue.FromString(Encoding.UTF8.GetString(text)) : default;
                default:
                    throw new InvalidDataException($"Unknown telemetry value kind {(int)kind}.");
            }
        }

        private ReadOnlySpan<byte> ReadBytes()
        {
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _blob[_at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            var bytes = _blob.Slice(_at, length);
            _at += length;
            return bytes;
        }
    }
}
