using System.Buffers;
using System.Text.Json;

namespace Twins.Gateway.Internal;

/// <summary>
/// The contract's shadow error document (<c>{"code","message","timestamp","clientToken"}</c>) for the refusals
/// the gateway makes itself, before a grain is called: too many requests in flight (429) and oversize
/// payloads (413). The grains write every other error.
/// </summary>
internal static class ShadowErrorReply
{
    /// <summary>AWS IoT's limit on a clientToken; a longer one is not echoed.</summary>
    public const int MaxClientTokenBytes = 64;

    public static byte[] Create(int code, string message, string? clientToken, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteNumber("timestamp"u8, now.ToUnixTimeSeconds());
            if (clientToken is not null)
            {
                writer.WriteString("clientToken"u8, clientToken);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The request's top-level <c>clientToken</c> when it has a valid one, else <c>null</c>; never throws.</summary>
    public static string? ReadClientToken(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isToken = reader.ValueTextEquals("clientToken"u8);
                reader.Read();
                if (isToken)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { } token && System.Text.Encoding.UTF8.GetByteCount(token) <= MaxClientTokenBytes
                        ? token
                        : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON (or cut off): no token to echo.
        }

        return null;
    }
}
