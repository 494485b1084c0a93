using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Twins.Actors.Storage;

/// <summary>Grain state as UTF-8 JSON through source-generated metadata (no reflection).</summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer whose options resolve every state type (see AddJsonSerializerContext).</summary>
    public JsonGrainStateSerializer(JsonSerializerOptions options) => _options = options;

    /// <inheritdoc />
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <inheritdoc />
    public T Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize(data, TypeInfo<T>())!;

    private JsonTypeInfo<T> TypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException(
                $"No System.Text.Json metadata for state type '{typeof(T).FullName}'. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext and register it with AddJsonSerializerContext on the silo builder.", ex);
        }
    }
}
