namespace Twins.GraphQL.Types;

/// <summary>A type with a name in the schema: scalar, object, interface, union, enum or input object.</summary>
public abstract class NamedType : IGraphQLType
{
    private protected NamedType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The type's name.</summary>
    public string Name { get; }

    /// <summary>Markdown description, or null.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    public abstract TypeKind Kind { get; }

    /// <summary>True for scalars and enums.</summary>
    public bool IsLeaf => Kind is TypeKind.Scalar or TypeKind.Enum;

    /// <summary>True for objects, interfaces and unions.</summary>
    public bool IsComposite => Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;

    /// <summary>True for interfaces and unions.</summary>
    public bool IsAbstract => Kind is TypeKind.Interface or TypeKind.Union;

    /// <summary>True if values of this type may be given as input (scalars, enums, input objects).</summary>
    public bool IsInputType => Kind is TypeKind.Scalar or TypeKind.Enum or TypeKind.InputObject;

    /// <summary>True if fields may return this type (everything except input objects).</summary>
    public bool IsOutputType => Kind != TypeKind.InputObject;

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
