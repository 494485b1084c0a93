using System.Text.Json;

namespace Twins.Gateway.Internal;

/// <summary>
/// The clientToken of a shadow request the gateway refuses itself, before a grain is called (429 too many in flight,
/// 413 oversize), to echo in <see cref="Grains.DeviceShadow.ShadowError.ToDocument"/>: read by streaming over the
/// payload, which may be large or not JSON at all, without parsing it.
/// </summary>
internal static class ShadowErrorReply
{
    /// <summary>AWS IoT's limit on a clientToken; a longer one is not echoed.</summary>
    public const int MaxClientTokenBytes = 64;

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
