using System.Globalization;
using System.Text;

namespace Twins.GraphQL.Language;

/// <summary>
/// The GraphQL lexer over UTF-8 bytes. It produces one significant token at a time (comments and
/// ignored tokens are skipped) and tracks line and column the way graphql-js reports them.
/// </summary>
internal ref struct Utf8GraphQLReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;
    private int _line;
    private int _lineStart;
    private int _firstNonAsciiInLine;
    private int _columnCacheLine;
    private int _columnCachePosition;
    private int _columnCacheChars;

    public Utf8GraphQLReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _line = 1;
        _firstNonAsciiInLine = int.MaxValue;
        Kind = TokenKind.StartOfFile;
        if (source.Length >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF)
        {
            _position = 3;
            _lineStart = 3;
        }
    }

    public TokenKind Kind { get; private set; }

    public int Start { get; private set; }

    public int End { get; private set; }

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>The decoded value of a Name, number or string token.</summary>
    public string? Value { get; private set; }

    /// <summary>Number of tokens read so far.</summary>
    public int TokenCount { get; private set; }

    public readonly ReadOnlySpan<byte> Source => _source;

    public readonly Location LocationFrom(int start, int line, int column) => new(start, End, line, column);

    /// <summary>Moves to the next significant token; returns false at the end of the document.</summary>
    public bool Read()
    {
        Value = null;
        var src = _source;
        while (_position < src.Length)
        {
            var b = src[_position];
            switch (b)
            {
                case (byte)' ':
                case (byte)'\t':
                case (byte)',':
                    _position++;
                    continue;
                case (byte)'\n':
                    NewLine(_position + 1);
                    continue;
                case (byte)'\r':
                    NewLine(_position + 1 < src.Length && src[_position + 1] == (byte)'\n' ? _position + 2 : _position + 1);
                    continue;
                case (byte)'#':
                    SkipComment();
                    continue;
                case 0xEF when _position + 2 < src.Length && src[_position + 1] == 0xBB && src[_position + 2] == 0xBF:
                    MarkNonAscii(_position);
                    _position += 3;
                    continue;
                case (byte)'!': return Punctuator(TokenKind.Bang, 1);
                case (byte)'$': return Punctuator(TokenKind.Dollar, 1);
                case (byte)'&': return Punctuator(TokenKind.Ampersand, 1);
                case (byte)'(': return Punctuator(TokenKind.LeftParenthesis, 1);
                case (byte)')': return Punctuator(TokenKind.RightParenthesis, 1);
                case (byte)':': return Punctuator(TokenKind.Colon, 1);
                case (byte)'=': return Punctuator(TokenKind.Equal, 1);
                case (byte)'@': return Punctuator(TokenKind.At, 1);
                case (byte)'[': return Punctuator(TokenKind.LeftBracket, 1);
                case (byte)']': return Punctuator(TokenKind.RightBracket, 1);
                case (byte)'{': return Punctuator(TokenKind.LeftBrace, 1);
                case (byte)'|': return Punctuator(TokenKind.Pipe, 1);
                case (byte)'}': return Punctuator(TokenKind.RightBrace, 1);
                case (byte)'.':
                    if (_position + 2 < src.Length && src[_position + 1] == (byte)'.' && src[_position + 2] == (byte)'.')
                    {
                        return Punctuator(TokenKind.Spread, 3);
                    }

                    throw Error(_position, $"Unexpected character: {PrintCodePointAt(_position)}.");
                case (byte)'"':
                    if (_position + 2 < src.Length && src[_position + 1] == (byte)'"' && src[_position + 2] == (byte)'"')
                    {
                        ReadBlockString();
                    }
                    else
                    {
                        ReadString();
                    }

                    return true;
                default:
                    break;
            }

            if (IsDigit(b) || b == (byte)'-')
            {
                ReadNumber();
                return true;
            }

            if (IsNameStart(b))
            {
                ReadName();
                return true;
            }

            if (b == (byte)'\'')
            {
                throw Error(_position, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
            }

            if (b >= 0x80)
            {
                MarkNonAscii(_position);
            }

            var status = Rune.DecodeFromUtf8(src[_position..], out _, out _);
            throw Error(_position, status == System.Buffers.OperationStatus.Done
                ? $"Unexpected character: {PrintCodePointAt(_position)}."
                : $"Invalid character: {PrintCodePointAt(_position)}.");
        }

        Start = src.Length;
        End = src.Length;
        Line = _line;
        Column = ColumnAt(src.Length);
        Kind = TokenKind.EndOfFile;
        return false;
    }

    /// <summary>Computes a one-based (line, column) for an arbitrary byte offset; used for error positions.</summary>
    public static (int Line, int Column) LineColumnOf(ReadOnlySpan<byte> source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (source[i] == (byte)'\r')
            {
                if (i + 1 < source.Length && source[i + 1] == (byte)'\n')
                {
                    i++;
                }

                line++;
                lineStart = i + 1;
            }
        }

        var end = Math.Min(offset, source.Length);
        return (line, Encoding.UTF8.GetCharCount(source[lineStart..end]) + 1);
    }

    private bool Punctuator(TokenKind kind, int length)
    {
        SetToken(kind, _position, _position + length);
        _position += length;
        return true;
    }

    private void SetToken(TokenKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
        Line = _line;
        Column = ColumnAt(start);
        TokenCount++;
    }

    private int ColumnAt(int position)
    {
        if (position <= _firstNonAsciiInLine)
        {
            return position - _lineStart + 1;
        }

        // Tokens move forward, so count UTF-16 units incrementally from the last position measured on
        // this line: long lines full of non-ASCII text stay linear, not quadratic.
        if (_columnCacheLine != _line || _columnCachePosition > position || _columnCachePosition < _lineStart)
        {
            _columnCacheLine = _line;
            _columnCachePosition = _lineStart;
            _columnCacheChars = 0;
        }

        _columnCacheChars += Encoding.UTF8.GetCharCount(_source[_columnCachePosition..position]);
        _columnCachePosition = position;
        return _columnCacheChars + 1;
    }

    private void NewLine(int next)
    {
        _position = next;
        _line++;
        _lineStart = next;
        _firstNonAsciiInLine = int.MaxValue;
    }

    private void MarkNonAscii(int position)
    {
        if (position < _firstNonAsciiInLine)
        {
            _firstNonAsciiInLine = position;
        }
    }

    private void SkipComment()
    {
        var src = _source;
        _position++;
        while (_position < src.Length)
        {
            var b = src[_position];
            if (b == (byte)'\n' || b == (byte)'\r')
            {
                return;
            }

            if (b >= 0x80)
            {
                MarkNonAscii(_position);
            }

            _position++;
        }
    }

    private void ReadName()
    {
        var start = _position;
        var src = _source;
        _position++;
        while (_position < src.Length && IsNameContinue(src[_position]))
        {
            _position++;
        }

        SetToken(TokenKind.Name, start, _position);
        Value = NameCache.Get(src[start.._position]);
    }

    private void ReadNumber()
    {
        var src = _source;
        var start = _position;
        var position = _position;
        var isFloat = false;
        var code = At(position);
        if (code == '-')
        {
            code = At(++position);
        }

        if (code == '0')
        {
            code = At(++position);
            if (IsDigit(code))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(position)}.");
            }
        }
        else
        {
            position = ReadDigits(position, code);
            code = At(position);
        }

        if (code == '.')
        {
            isFloat = true;
            code = At(++position);
            position = ReadDigits(position, code);
            code = At(position);
        }

        if (code is 'E' or 'e')
        {
            isFloat = true;
            code = At(++position);
            if (code is '+' or '-')
            {
                code = At(++position);
            }

            position = ReadDigits(position, code);
            code = At(position);
        }

        if (code == '.' || (code >= 0 && IsNameStart((byte)code)))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");
        }

        _position = position;
        SetToken(isFloat ? TokenKind.Float : TokenKind.Integer, start, position);
        Value = Encoding.UTF8.GetString(src[start..position]);
    }

    private int ReadDigits(int position, int code)
    {
        if (!IsDigit(code))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");
        }

        position++;
        while (IsDigit(At(position)))
        {
            position++;
        }

        return position;
    }

    private readonly int At(int position) => position < _source.Length ? _source[position] : -1;

    private void ReadString()
    {
        var src = _source;
        var start = _position;
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? builder = null;
        while (position < src.Length)
        {
            var b = src[position];
            if (b == (byte)'"')
            {
                string value;
                if (builder is null)
                {
                    value = Encoding.UTF8.GetString(src[chunkStart..position]);
                }
                else
                {
                    builder.Append(Encoding.UTF8.GetString(src[chunkStart..position]));
                    value = builder.ToString();
                }

                _position = position + 1;
                SetToken(TokenKind.String, start, _position);
                Value = value;
                return;
            }

            if (b == (byte)'\\')
            {
                builder ??= new StringBuilder();
                builder.Append(Encoding.UTF8.GetString(src[chunkStart..position]));
                position += ReadEscape(position, builder);
                chunkStart = position;
                continue;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                break;
            }

            if (b < 0x80)
            {
                position++;
                continue;
            }

            MarkNonAscii(position);
            position += DecodeOrThrow(position);
        }

        throw Error(position, "Unterminated string.");
    }

    private int DecodeOrThrow(int position)
    {
        var status = Rune.DecodeFromUtf8(_source[position..], out _, out var consumed);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
        }

        return consumed;
    }

    private int ReadEscape(int position, StringBuilder builder)
    {
        var next = At(position + 1);
        switch (next)
        {
            case '"': builder.Append('"'); return 2;
            case '\\': builder.Append('\\'); return 2;
            case '/': builder.Append('/'); return 2;
            case 'b': builder.Append('\b'); return 2;
            case 'f': builder.Append('\f'); return 2;
            case 'n': builder.Append('\n'); return 2;
            case 'r': builder.Append('\r'); return 2;
            case 't': builder.Append('\t'); return 2;
            case 'u':
                return At(position + 2) == '{' ? ReadVariableWidthUnicode(position, builder) : ReadFixedWidthUnicode(position, builder);
            default:
                throw Error(position, $"Invalid character escape sequence: \"{Slice(position, position + 2)}\".");
        }
    }

    private int ReadVariableWidthUnicode(int position, StringBuilder builder)
    {
        var point = 0;
        var size = 3;
        while (size < 12)
        {
            var code = At(position + size++);
            if (code == '}')
            {
                if (size < 5 || !Rune.IsValid(point))
                {
                    break;
                }

                builder.Append(new Rune(point).ToString());
                return size;
            }

            point = (point << 4) | HexValue(code);
            if (point < 0)
            {
                break;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + size)}\".");
    }

    private int ReadFixedWidthUnicode(int position, StringBuilder builder)
    {
        var code = Read16BitHex(position + 2);
        if (code >= 0 && Rune.IsValid(code))
        {
            builder.Append((char)code);
            return 6;
        }

        if (code is >= 0xD800 and <= 0xDBFF && At(position + 6) == '\\' && At(position + 7) == 'u')
        {
            var trailing = Read16BitHex(position + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                builder.Append((char)code).Append((char)trailing);
                return 12;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + 6)}\".");
    }

    private readonly int Read16BitHex(int position) =>
        (HexValue(At(position)) << 12) | (HexValue(At(position + 1)) << 8) | (HexValue(At(position + 2)) << 4) | HexValue(At(position + 3));

    private static int HexValue(int code) => code switch
    {
        >= '0' and <= '9' => code - '0',
        >= 'A' and <= 'F' => code - 'A' + 10,
        >= 'a' and <= 'f' => code - 'a' + 10,
        _ => -1,
    };

    private readonly string Slice(int start, int end) =>
        Encoding.UTF8.GetString(_source[Math.Min(start, _source.Length)..Math.Min(end, _source.Length)]);

    private void ReadBlockString()
    {
        var src = _source;
        var start = _position;
        var position = start + 3;
        var chunkStart = position;
        var line = _line;
        var lineStart = _lineStart;
        var firstNonAscii = _firstNonAsciiInLine;
        var current = new StringBuilder();
        var lines = new List<string>();
        while (position < src.Length)
        {
            var b = src[position];
            if (b == (byte)'"' && At(position + 1) == '"' && At(position + 2) == '"')
            {
                current.Append(Encoding.UTF8.GetString(src[chunkStart..position]));
                lines.Add(current.ToString());
                _position = position + 3;
                SetToken(TokenKind.BlockString, start, _position);
                Value = BlockStrings.Dedent(lines);
                _line = line;
                _lineStart = lineStart;
                _firstNonAsciiInLine = firstNonAscii;
                return;
            }

            if (b == (byte)'\\' && At(position + 1) == '"' && At(position + 2) == '"' && At(position + 3) == '"')
            {
                current.Append(Encoding.UTF8.GetString(src[chunkStart..position]));
                chunkStart = position + 1;
                position += 4;
                continue;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                current.Append(Encoding.UTF8.GetString(src[chunkStart..position]));
                lines.Add(current.ToString());
                current.Clear();
                position += b == (byte)'\r' && At(position + 1) == '\n' ? 2 : 1;
                chunkStart = position;
                lineStart = position;
                line++;
                firstNonAscii = int.MaxValue;
                continue;
            }

            if (b < 0x80)
            {
                position++;
                continue;
            }

            if (position < firstNonAscii)
            {
                firstNonAscii = position;
            }

            position += DecodeOrThrow(position);
        }

        throw Error(position, "Unterminated string.");
    }

    private readonly string PrintCodePointAt(int position)
    {
        if (position >= _source.Length)
        {
            return "<EOF>";
        }

        var status = Rune.DecodeFromUtf8(_source[position..], out var rune, out _);
        if (status != System.Buffers.OperationStatus.Done)
        {
            return "U+FFFD";
        }

        var code = rune.Value;
        if (code is >= 0x20 and <= 0x7E)
        {
            return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        }

        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }

    public readonly GraphQLSyntaxException Error(int position, string description)
    {
        var (line, column) = LineColumnOf(_source, position);
        return new GraphQLSyntaxException(description, line, column);
    }

    private static bool IsDigit(int code) => code is >= '0' and <= '9';

    private static bool IsNameStart(byte code) => code is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_';

    private static bool IsNameContinue(byte code) => IsNameStart(code) || IsDigit(code);
}
