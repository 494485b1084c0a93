using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Twins.GraphQL.Execution;

/// <summary>The result of a request: <c>data</c> (when execution started) and <c>errors</c>.</summary>
public sealed class ExecutionResult
{
    internal ExecutionResult(object? data, bool hasData, IReadOnlyList<GraphQLError>? errors)
    {
        Data = data;
        HasData = hasData;
        Errors = errors is { Count: > 0 } ? errors : null;
    }

    /// <summary>The <c>data</c> value (an ordered list of key/value pairs per object), or null.</summary>
    public object? Data { get; }

    /// <summary>True if the response carries a <c>data</c> entry (execution started).</summary>
    public bool HasData { get; }

    /// <summary>The errors, or null when there are none.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    /// <summary>A result with only errors (request errors: syntax, validation, variables).</summary>
    public static ExecutionResult FromErrors(IReadOnlyList<GraphQLError> errors) => new(null, false, errors);

    /// <summary>Writes the result as JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Errors is not null)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
        }

        if (HasData)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, Data);
        }

        writer.WriteEndObject();
    }

    /// <summary>The result as a JSON string.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JsonOptions.Relaxed.Encoder }))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message", error.Message);
        if (error.Locations is { Count: > 0 })
        {
            writer.WritePropertyName("locations");
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", location.Line);
                writer.WriteNumber("column", location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (error.Path is not null)
        {
            writer.WritePropertyName("path");
            WriteValue(writer, error.Path);
        }

        if (error.Extensions is { Count: > 0 })
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, error.Extensions);
        }

        writer.WriteEndObject();
    }

    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case float f:
                writer.WriteNumberValue(f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case ResultMap map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyDictionary<string, object?> readOnly:
                writer.WriteStartObject();
                foreach (var (key, item) in readOnly)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
