using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Twins.GraphQL.Execution;

/// <summary>
/// Plain input values follow JavaScript's data model (numbers are doubles) so coercion and its error
/// messages agree with graphql-js; this prints them the way graphql-js's <c>inspect</c> does.
/// </summary>
internal static class JsValues
{
    public static string Inspect(object? value, int depth = 0) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s, JsonOptions.Relaxed),
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        int or long or short or byte or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Undefined => "undefined",
        IDictionary<string, object?> map => InspectObject(map, depth),
        IList list => InspectList(list, depth),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Formats a double as JavaScript's <c>String(number)</c>.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e21)
        {
            return value.ToString("F0", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            if (Math.Abs(value) < 1e-6)
            {
                text = value.ToString("0.#################E+0", CultureInfo.InvariantCulture);
                e = text.IndexOf('E', StringComparison.Ordinal);
            }
            else
            {
                return text;
            }
        }

        var mantissa = text[..e];
        var exponent = text[(e + 1)..];
        if (!exponent.StartsWith('-') && !exponent.StartsWith('+'))
        {
            exponent = "+" + exponent;
        }

        return mantissa + "e" + exponent;
    }

    public static bool IsInteger(double value) => !double.IsInfinity(value) && value == Math.Floor(value);

    /// <summary>Converts a parsed JSON element into plain values (dictionary, list, double, string, bool, null).</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromJsonObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Dictionary<string, object?> FromJsonObject(JsonElement element)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = FromJson(property.Value);
        }

        return map;
    }

    private static string InspectObject(IDictionary<string, object?> map, int depth)
    {
        if (map.Count == 0)
        {
            return "{}";
        }

        if (depth >= 2)
        {
            return "[Object]";
        }

        var builder = new StringBuilder("{ ");
        var first = true;
        foreach (var (key, item) in map)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(key).Append(": ").Append(Inspect(item, depth + 1));
        }

        return builder.Append(" }").ToString();
    }

    private static string InspectList(IList list, int depth)
    {
        if (list.Count == 0)
        {
            return "[]";
        }

        if (depth >= 2)
        {
            return "[Array]";
        }

        var shown = Math.Min(list.Count, 10);
        var parts = new List<string>(shown + 1);
        for (var i = 0; i < shown; i++)
        {
            parts.Add(Inspect(list[i], depth + 1));
        }

        if (list.Count > 10)
        {
            var remaining = list.Count - 10;
            parts.Add(remaining == 1 ? "... 1 more item" : $"... {remaining} more items");
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
