using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Twins.Actors.Invocation;

/// <summary>
/// Serializes call arguments and results for calls that leave the process: values through
/// System.Text.Json source-generated metadata (no reflection), grain and observer references as their
/// <c>type/key</c> id. Readers are positioned before the value; writers append one value.
/// </summary>
public sealed class GrainCodec
{
    /// <summary>Creates a codec over <paramref name="options"/>, resolving references with <paramref name="grainFactory"/>.</summary>
    public GrainCodec(JsonSerializerOptions options, IGrainFactory grainFactory)
    {
        Options = options;
        GrainFactory = grainFactory;
    }

    /// <summary>The serializer options (their resolver chain holds the registered source-generated contexts).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The factory that turns ids back into references.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>Writes one value.</summary>
    public void Write<T>(Utf8JsonWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (typeof(IAddressable).IsAssignableFrom(typeof(T)) && typeof(T).IsInterface)
        {
            writer.WriteStringValue(((IAddressable)value).GetGrainId().ToString());
        }
        else
        {
            JsonSerializer.Serialize(writer, value, TypeInfo<T>());
        }
    }

    /// <summary>Reads one value.</summary>
    public T? Read<T>(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException($"Expected a {typeof(T).Name} but the input ended.");
        }

        if (typeof(IAddressable).IsAssignableFrom(typeof(T)) && typeof(T).IsInterface)
        {
            return reader.TokenType == JsonTokenType.Null
                ? default
                : (T)(object)GrainFactory.GetGrain(typeof(T), GrainId.Parse(reader.GetString()!));
        }

        return JsonSerializer.Deserialize(ref reader, TypeInfo<T>());
    }

    /// <summary>Reads the '[' that starts an argument list.</summary>
    public static void ReadStartArray(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected the '[' that starts the arguments.");
        }
    }

    /// <summary>Reads the ']' that ends an argument list.</summary>
    public static void ReadEndArray(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected the ']' that ends the arguments (too many arguments?).");
        }
    }

    /// <summary>The source-generated metadata of <typeparamref name="T"/>; names the fix when it is missing.</summary>
    public JsonTypeInfo<T> TypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException(
                $"No System.Text.Json metadata for '{typeof(T).FullName}'. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext and register it with AddJsonSerializerContext on the silo builder.", ex);
        }
    }
}
