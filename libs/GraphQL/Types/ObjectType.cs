namespace Twins.GraphQL.Types;

/// <summary>An object type.</summary>
public sealed class ObjectType : ComplexType
{
    internal ObjectType(string name, string? description, Func<object, bool>? isTypeOf)
        : base(name, description)
    {
        IsTypeOf = isTypeOf;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>Decides whether a runtime value belongs to this type when an abstract type has no resolver; null when not set.</summary>
    public Func<object, bool>? IsTypeOf { get; }
}
