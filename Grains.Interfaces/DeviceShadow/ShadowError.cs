using System.Buffers;
using System.Text.Json;

namespace Twins.Grains.DeviceShadow;

/// <summary>A rejected shadow request: AWS IoT's HTTP-like code and exact message.</summary>
/// <param name="Code">400, 401, 403, 404, 409, 413, 415, 429 or 500.</param>
/// <param name="Message">The message AWS IoT sends for this code.</param>
public sealed record ShadowError(int Code, string Message)
{
    /// <summary>The payload is not valid JSON.</summary>
    public static ShadowError InvalidJson { get; } = new(400, "Invalid JSON");
    /// <summary>An update without <c>state</c>.</summary>
    public static ShadowError MissingState { get; } = new(400, "Missing required node: state");
    /// <summary><c>state</c> is not an object.</summary>
    public static ShadowError StateNotObject { get; } = new(400, "State node must be an object");
    /// <summary><c>state.desired</c> is not an object.</summary>
    public static ShadowError DesiredNotObject { get; } = new(400, "Desired node must be an object");
    /// <summary><c>state.reported</c> is not an object.</summary>
    public static ShadowError ReportedNotObject { get; } = new(400, "Reported node must be an object");
    /// <summary><c>version</c> is not a whole number.</summary>
    public static ShadowError InvalidVersion { get; } = new(400, "Invalid version");
    /// <summary><c>clientToken</c> is not a string of at most 64 bytes.</summary>
    public static ShadowError InvalidClientToken { get; } = new(400, "Invalid clientToken");
    /// <summary>The state nests deeper than the limit.</summary>
    public static ShadowError TooDeep { get; } = new(400, "JSON contains too many levels of nesting; maximum is 6");
    /// <summary>The state holds a node the shadow cannot store.</summary>
    public static ShadowError InvalidNode { get; } = new(400, "State contains an invalid node");
    /// <summary>The caller is not authenticated.</summary>
    public static ShadowError Unauthorized { get; } = new(401, "Unauthorized");
    /// <summary>The caller may not act on this shadow.</summary>
    public static ShadowError Forbidden { get; } = new(403, "Forbidden");
    /// <summary>The request's <c>version</c> is not the shadow's.</summary>
    public static ShadowError VersionConflict { get; } = new(409, "Version conflict");
    /// <summary>The payload or the resulting document exceeds its size limit.</summary>
    public static ShadowError PayloadTooLarge { get; } = new(413, "The payload exceeds the maximum size allowed");
    /// <summary>The payload is not UTF-8.</summary>
    public static ShadowError UnsupportedEncoding { get; } = new(415, "Unsupported documented encoding; supported encoding is UTF-8");
    /// <summary>The thing has too many shadow requests in flight.</summary>
    public static ShadowError TooManyRequests { get; } = new(429, "Too Many Requests");
    /// <summary>The request could not be carried out.</summary>
    public static ShadowError InternalFailure { get; } = new(500, "Internal service failure");

    /// <summary>404 for a get or delete of a shadow that does not exist.</summary>
    public static ShadowError NotFound(string name) => new(404, $"No shadow exists with name: '{name}'");

    /// <summary>
    /// The contract's error document for this error: <c>{"code","message","timestamp","clientToken"}</c>, the token
    /// only when the request had one. The grains and the gateway (which refuses some requests before any grain) both
    /// send this.
    /// </summary>
    /// <param name="clientToken">The request's clientToken, or <c>null</c>.</param>
    /// <param name="now">When the request was refused.</param>
    public byte[] ToDocument(string? clientToken, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code"u8, Code);
            writer.WriteString("message"u8, Message);
            writer.WriteNumber("timestamp"u8, now.ToUnixTimeSeconds());
            if (clientToken is not null)
            {
                writer.WriteString("clientToken"u8, clientToken);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
