using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Twins.Grains.Internal;

/// <summary>Conversions between mutable working trees (<see cref="JsonNode"/>) and the immutable forms kept in state and sent on the wire.</summary>
internal static class JsonUtf8
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>Compact UTF-8 JSON of <paramref name="node"/> (<c>null</c> writes <c>null</c>).</summary>
    public static byte[] ToBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses a vehicle's payload that must be a JSON object; on failure returns <c>null</c> and the message a
    /// rejection carries ("Payload is not UTF-8." or "Payload is not a JSON object.").
    /// </summary>
    public static JsonObject? ParseObject(ReadOnlySpan<byte> payload, out string? error)
    {
        if (!Utf8.IsValid(payload))
        {
            error = "Payload is not UTF-8.";
            return null;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        error = root is null ? "Payload is not a JSON object." : null;
        return root;
    }

    /// <summary>Size in bytes of the compact UTF-8 JSON of <paramref name="node"/>.</summary>
    public static int Size(JsonNode? node) => node is null ? 0 : ToBytes(node).Length;

    /// <summary>An immutable element detached from any document, suitable for persisted records.</summary>
    public static JsonElement ToElement(JsonNode node) => JsonElement.Parse(ToBytes(node));

    /// <summary>A fresh mutable object copied from a persisted element (an empty one for <c>null</c>).</summary>
    public static JsonObject ToObject(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e ? (JsonObject)JsonNode.Parse(e.GetRawText())! : [];

    /// <summary>A fresh mutable node copied from a persisted element.</summary>
    public static JsonNode? ToNode(JsonElement? element) =>
        element is { } e && e.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Null ? JsonNode.Parse(e.GetRawText()) : null;
}
