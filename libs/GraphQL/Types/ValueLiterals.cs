using System.Collections;
using System.Globalization;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>Conversions between literals and plain values (graphql-js valueFromASTUntyped / astFromValue).</summary>
internal static class ValueLiterals
{
    public static object? ToPlain(ValueNode node, IReadOnlyDictionary<string, object?>? variables) => node switch
    {
        NullValueNode => null,
        IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
        FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
        StringValueNode s => s.Value,
        EnumValueNode e => e.Value,
        BooleanValueNode b => b.Value,
        ListValueNode l => l.Values.Select(v => ToPlain(v, variables)).ToList(),
        ObjectValueNode o => ToPlainObject(o, variables),
        VariableNode v => variables is not null && variables.TryGetValue(v.Name.Value, out var value) ? value : null,
        _ => null,
    };

    private static Dictionary<string, object?> ToPlainObject(ObjectValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in node.Fields)
        {
            map[field.Name.Value] = ToPlain(field.Value, variables);
        }

        return map;
    }

    /// <summary>Builds a literal for a runtime value of <paramref name="type"/> (used to print default values).</summary>
    public static ValueNode? FromValue(object? value, IGraphQLType type)
    {
        var at = default(Location);
        if (type is NonNullType nonNull)
        {
            var inner = FromValue(value, nonNull.OfType);
            return inner is NullValueNode ? null : inner;
        }

        if (value is null)
        {
            return new NullValueNode(at);
        }

        if (value is Undefined)
        {
            return null;
        }

        if (type is ListType list)
        {
            if (value is IEnumerable items and not string && value is not IDictionary<string, object?>)
            {
                var nodes = new List<ValueNode>();
                foreach (var item in items)
                {
                    var node = FromValue(item, list.OfType);
                    if (node is not null)
                    {
                        nodes.Add(node);
                    }
                }

                return new ListValueNode(at, nodes);
            }

            return FromValue(value, list.OfType);
        }

        if (type is InputObjectType input)
        {
            if (value is not IDictionary<string, object?> map)
            {
                return null;
            }

            var fields = new List<ObjectFieldNode>();
            foreach (var field in input.Fields.Values)
            {
                if (map.TryGetValue(field.Name, out var fieldValue))
                {
                    var node = FromValue(fieldValue, field.Type);
                    if (node is not null)
                    {
                        fields.Add(new ObjectFieldNode(at, new NameNode(at, field.Name), node));
                    }
                }
            }

            return new ObjectValueNode(at, fields);
        }

        if (type is EnumType enumType)
        {
            var name = enumType.NameOf(value);
            return name is null ? null : new EnumValueNode(at, name);
        }

        var scalar = (ScalarType)type;
        var serialized = scalar.Serialize(value);
        return serialized switch
        {
            null => null,
            bool b => new BooleanValueNode(at, b),
            int or long or short => new IntValueNode(at, Convert.ToString(serialized, CultureInfo.InvariantCulture)!),
            double d when JsValues.IsInteger(d) && Math.Abs(d) < 1e21 => new IntValueNode(at, JsValues.FormatNumber(d)),
            double d => new FloatValueNode(at, JsValues.FormatNumber(d)),
            float f => new FloatValueNode(at, JsValues.FormatNumber(f)),
            decimal m => new FloatValueNode(at, m.ToString(CultureInfo.InvariantCulture)),
            string s when scalar.Name == "ID" && IsIntegerString(s) => new IntValueNode(at, s),
            string s => new StringValueNode(at, s, false),
            IDictionary<string, object?> map => new ObjectValueNode(at, map.Select(p => new ObjectFieldNode(at, new NameNode(at, p.Key), FromValue(p.Value, scalar) ?? new NullValueNode(at))).ToList()),
            IEnumerable items => new ListValueNode(at, items.Cast<object?>().Select(i => FromValue(i, scalar) ?? new NullValueNode(at)).ToList()),
            _ => new StringValueNode(at, Convert.ToString(serialized, CultureInfo.InvariantCulture) ?? "", false),
        };
    }

    private static bool IsIntegerString(string s) =>
        s.Length > 0 && (s == "0" || (s[0] != '0' && s.All(char.IsAsciiDigit))) || (s.Length > 1 && s[0] == '-' && s[1] != '0' && s[1..].All(char.IsAsciiDigit));
}
