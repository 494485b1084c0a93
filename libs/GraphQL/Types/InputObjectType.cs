namespace Twins.GraphQL.Types;

/// <summary>An input object type.</summary>
public sealed class InputObjectType : NamedType
{
    internal InputObjectType(string name, string? description, bool isOneOf)
        : base(name, description)
    {
        IsOneOf = isOneOf;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.InputObject;

    /// <summary>True for a <c>@oneOf</c> input object: exactly one field must be given, and not null.</summary>
    public bool IsOneOf { get; }

    /// <summary>The fields in definition order.</summary>
    public IReadOnlyDictionary<string, InputField> Fields { get; internal set; } = new Dictionary<string, InputField>();
}
