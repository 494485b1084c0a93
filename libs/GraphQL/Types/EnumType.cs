using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>An enum type.</summary>
public sealed class EnumType : NamedType
{
    private readonly Dictionary<string, EnumValue> _byName;

    internal EnumType(string name, string? description, IReadOnlyList<EnumValue> values)
        : base(name, description)
    {
        Values = values;
        _byName = values.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Enum;

    /// <summary>The values in definition order.</summary>
    public IReadOnlyList<EnumValue> Values { get; }

    /// <summary>Finds a value by name.</summary>
    public EnumValue? GetValue(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The name of a runtime value, or null if it has none.</summary>
    public string? NameOf(object value)
    {
        foreach (var item in Values)
        {
            if (Equals(item.Value, value))
            {
                return item.Name;
            }
        }

        return value is string s && _byName.TryGetValue(s, out var byName) && Equals(byName.Value, s) ? s : null;
    }

    internal object Serialize(object value) =>
        NameOf(value) ?? throw new GraphQLException($"Enum \"{Name}\" cannot represent value: {JsValues.Inspect(value)}");

    internal object ParseValue(object value)
    {
        if (value is not string s)
        {
            throw new GraphQLException($"Enum \"{Name}\" cannot represent non-string value: {JsValues.Inspect(value)}.{Suggestions.DidYouMean("the enum value", Suggest(JsValues.Inspect(value)))}");
        }

        return GetValue(s)?.Value
            ?? throw new GraphQLException($"Value \"{s}\" does not exist in \"{Name}\" enum.{Suggestions.DidYouMean("the enum value", Suggest(s))}");
    }

    internal object ParseLiteral(ValueNode node)
    {
        if (node is not EnumValueNode e)
        {
            var printed = SyntaxPrinter.Print(node);
            throw new GraphQLException($"Enum \"{Name}\" cannot represent non-enum value: {printed}.{Suggestions.DidYouMean("the enum value", Suggest(printed))}");
        }

        return GetValue(e.Value)?.Value
            ?? throw new GraphQLException($"Value \"{e.Value}\" does not exist in \"{Name}\" enum.{Suggestions.DidYouMean("the enum value", Suggest(e.Value))}");
    }

    private IReadOnlyList<string> Suggest(string input) => Suggestions.List(input, Values.Select(v => v.Name));
}
