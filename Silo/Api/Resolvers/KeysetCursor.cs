using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Twins.GraphQL.Execution;

namespace Twins.Silo.Api.Resolvers;

/// <summary>
/// Opaque keyset cursors: <c>base64url</c> of a JSON array holding the sort order's signature and the
/// edge's sort key values (text, numbers, flags or null), the unique key last. A cursor carries the
/// position itself, not an offset, so rows written between two requests never make an edge repeat or go
/// missing; a cursor made under another order is refused rather than silently misread.
/// </summary>
internal static class KeysetCursor
{
    public static string Encode(string signature, IReadOnlyList<object?> values)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(signature);
            foreach (var value in values)
            {
                switch (value)
                {
                    case null: json.WriteNullValue(); break;
                    case string text: json.WriteStringValue(text); break;
                    case bool flag: json.WriteBooleanValue(flag); break;
                    case long number: json.WriteNumberValue(number); break;
                    default: throw new ArgumentException($"Cannot put a {value.GetType().Name} in a cursor.", nameof(values));
                }
            }

            json.WriteEndArray();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>The values of a cursor made under <paramref name="signature"/> with <paramref name="count"/> keys; a GraphQL error otherwise.</summary>
    public static JsonElement[] Decode(string cursor, string signature, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == count + 1
                && root[0].ValueKind == JsonValueKind.String && root[0].ValueEquals(signature))
            {
                return [.. root.EnumerateArray().Skip(1).Select(e => e.Clone())];
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            // Falls through to the error below.
        }

        throw Invalid();
    }

    public static GraphQLException Invalid() => new("The cursor is not valid for this list and order.", "INVALID_CURSOR");

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw Invalid(),
    };

    public static long Number(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw Invalid();

    public static long? NullableNumber(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : Number(value);

    public static bool Flag(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(),
    };
}
