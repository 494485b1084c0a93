using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>
/// A scalar: a leaf whose values are serialized to JSON and parsed from variables and literals.
/// Custom scalars pass delegates or derive and override; errors are reported by throwing
/// <see cref="GraphQLException"/>.
/// </summary>
public class ScalarType : NamedType
{
    private readonly Func<object, object?>? _serialize;
    private readonly Func<object, object?>? _parseValue;

    /// <summary>Creates a scalar.</summary>
    /// <param name="name">The type name.</param>
    /// <param name="description">Description, or null.</param>
    /// <param name="specifiedByUrl">The URL of its specification (<c>@specifiedBy</c>), or null.</param>
    /// <param name="serialize">Turns a resolver's value into a JSON-ready value; identity when null.</param>
    /// <param name="parseValue">Turns a plain input value (string, double, bool, list, dictionary) into the runtime value; identity when null.</param>
    public ScalarType(string name, string? description = null, string? specifiedByUrl = null, Func<object, object?>? serialize = null, Func<object, object?>? parseValue = null)
        : base(name, description)
    {
        SpecifiedByUrl = specifiedByUrl;
        _serialize = serialize;
        _parseValue = parseValue;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Scalar;

    /// <summary>The URL given by <c>@specifiedBy</c>, or null.</summary>
    public string? SpecifiedByUrl { get; }

    /// <summary>Converts a resolved value into its JSON-ready form.</summary>
    public virtual object? Serialize(object value) => _serialize is null ? value : _serialize(value);

    /// <summary>Converts a plain input value (from variables) into the runtime value.</summary>
    public virtual object? ParseValue(object value) => _parseValue is null ? value : _parseValue(value);

    /// <summary>
    /// Converts a literal into the runtime value; returns <see cref="Undefined.Value"/> when the literal
    /// is not valid without a specific message.
    /// </summary>
    internal virtual object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        var plain = ValueLiterals.ToPlain(node, variables);
        return plain is null ? null : ParseValue(plain);
    }
}
