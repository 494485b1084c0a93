using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types;

/// <summary>A union type.</summary>
public sealed class UnionType : NamedType
{
    internal UnionType(string name, string? description, TypeResolver? resolveType)
        : base(name, description)
    {
        ResolveType = resolveType;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Union;

    /// <summary>The member object types.</summary>
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];

    /// <summary>Picks the object type of a runtime value, or null to use <c>__typename</c> / <see cref="ObjectType.IsTypeOf"/>.</summary>
    public TypeResolver? ResolveType { get; }
}
