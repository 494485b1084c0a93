using System.Globalization;
using System.Text.RegularExpressions;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>
/// The specified scalars (Int, Float, String, Boolean, ID) with graphql-js's coercion rules and
/// messages, plus the DateTime (RFC 3339) and JSON scalars Twins adds.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the GraphQL specification's scalar names.")]
public static partial class BuiltInScalars
{
    /// <summary>32-bit signed integer.</summary>
    public static ScalarType Int { get; } = new IntScalar();

    /// <summary>Double-precision number.</summary>
    public static ScalarType Float { get; } = new FloatScalar();

    /// <summary>UTF-8 text.</summary>
    public static ScalarType String { get; } = new StringScalar();

    /// <summary>true or false.</summary>
    public static ScalarType Boolean { get; } = new BooleanScalar();

    /// <summary>A unique identifier, serialized as a string.</summary>
    public static ScalarType ID { get; } = new IdScalar();

    /// <summary>An RFC 3339 date-time string, such as 2025-01-02T03:04:05Z.</summary>
    public static ScalarType DateTime { get; } = new DateTimeScalar();

    /// <summary>Any JSON value.</summary>
    public static ScalarType Json { get; } = new JsonScalar();

    /// <summary>The five scalars every schema has.</summary>
    public static IReadOnlyList<ScalarType> Specified { get; } = [String, Int, Float, Boolean, ID];

    internal static double? AsNumber(object value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        short s => s,
        byte b => b,
        decimal m => (double)m,
        _ => null,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private sealed class IntScalar() : ScalarType("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object? Serialize(object value)
        {
            object coerced = value is bool b ? (b ? 1d : 0d) : value;
            var number = AsNumber(coerced);
            if (number is null && coerced is string s && s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }

            if (number is not { } n || !JsValues.IsInteger(n))
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {JsValues.Inspect(coerced)}");
            }

            if (n > int.MaxValue || n < int.MinValue)
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {JsValues.Inspect(coerced)}");
            }

            return (int)n;
        }

        public override object? ParseValue(object value)
        {
            if (AsNumber(value) is not { } n || !JsValues.IsInteger(n))
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {JsValues.Inspect(value)}");
            }

            if (n > int.MaxValue || n < int.MinValue)
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {JsValues.Inspect(value)}");
            }

            return (int)n;
        }

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
        {
            if (node is not IntValueNode i)
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {SyntaxPrinter.Print(node)}");
            }

            if (!int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {i.Value}");
            }

            return result;
        }
    }

    private sealed class FloatScalar() : ScalarType("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object? Serialize(object value)
        {
            object coerced = value is bool b ? (b ? 1d : 0d) : value;
            var number = AsNumber(coerced);
            if (number is null && coerced is string s && s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }

            if (number is not { } n || !double.IsFinite(n))
            {
                throw new GraphQLException($"Float cannot represent non numeric value: {JsValues.Inspect(coerced)}");
            }

            return n;
        }

        public override object? ParseValue(object value)
        {
            if (AsNumber(value) is not { } n || !double.IsFinite(n))
            {
                throw new GraphQLException($"Float cannot represent non numeric value: {JsValues.Inspect(value)}");
            }

            return n;
        }

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node switch
        {
            IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"Float cannot represent non numeric value: {SyntaxPrinter.Print(node)}"),
        };
    }

    private sealed class StringScalar() : ScalarType("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object? Serialize(object value) => value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            _ when AsNumber(value) is { } n && double.IsFinite(n) => value is double or float ? JsValues.FormatNumber(n) : Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"String cannot represent value: {JsValues.Inspect(value)}"),
        };

        public override object? ParseValue(object value) =>
            value as string ?? throw new GraphQLException($"String cannot represent a non string value: {JsValues.Inspect(value)}");

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
            node is StringValueNode s ? s.Value : throw new GraphQLException($"String cannot represent a non string value: {SyntaxPrinter.Print(node)}");
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object? Serialize(object value) => value switch
        {
            bool b => b,
            _ when AsNumber(value) is { } n && double.IsFinite(n) => n != 0,
            _ => throw new GraphQLException($"Boolean cannot represent a non boolean value: {JsValues.Inspect(value)}"),
        };

        public override object? ParseValue(object value) =>
            value is bool b ? b : throw new GraphQLException($"Boolean cannot represent a non boolean value: {JsValues.Inspect(value)}");

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
            node is BooleanValueNode b ? b.Value : throw new GraphQLException($"Boolean cannot represent a non boolean value: {SyntaxPrinter.Print(node)}");
    }

    private sealed class IdScalar() : ScalarType("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object? Serialize(object value) => value switch
        {
            string s => s,
            Guid g => g.ToString(),
            _ when AsNumber(value) is { } n && JsValues.IsInteger(n) => JsValues.FormatNumber(n),
            _ => throw new GraphQLException($"ID cannot represent value: {JsValues.Inspect(value)}"),
        };

        public override object? ParseValue(object value) => value switch
        {
            string s => s,
            _ when AsNumber(value) is { } n && JsValues.IsInteger(n) => JsValues.FormatNumber(n),
            _ => throw new GraphQLException($"ID cannot represent value: {JsValues.Inspect(value)}"),
        };

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw new GraphQLException($"ID cannot represent a non-string and non-integer value: {SyntaxPrinter.Print(node)}"),
        };
    }

    private sealed class DateTimeScalar() : ScalarType("DateTime", "An RFC 3339 date-time, such as `2025-01-02T03:04:05Z`.", "https://datatracker.ietf.org/doc/html/rfc3339")
    {
        public override object? Serialize(object value) => value switch
        {
            DateTimeOffset d => Format(d),
            System.DateTime d => Format(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)),
            string s when IsValid(s) => s,
            string s => throw new GraphQLException($"DateTime cannot represent an invalid date-time string: {JsValues.Inspect(s)}."),
            _ => throw new GraphQLException($"DateTime cannot represent value: {JsValues.Inspect(value)}"),
        };

        public override object? ParseValue(object value) => value switch
        {
            string s when IsValid(s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture),
            string s => throw new GraphQLException($"DateTime cannot represent an invalid date-time string: {JsValues.Inspect(s)}."),
            _ => throw new GraphQLException($"DateTime cannot represent a non string value: {JsValues.Inspect(value)}"),
        };

        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
            node is StringValueNode s ? ParseValue(s.Value) : throw new GraphQLException($"DateTime cannot represent a non string value: {SyntaxPrinter.Print(node)}");

        private static string Format(DateTimeOffset value) => value.Offset == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

        private static bool IsValid(string s) => Rfc3339().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    private sealed class JsonScalar() : ScalarType("JSON", "Any JSON value.", "https://www.rfc-editor.org/rfc/rfc8259")
    {
        internal override object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => ValueLiterals.ToPlain(node, variables);
    }
}
