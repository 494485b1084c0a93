using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types;

/// <summary>An interface type.</summary>
public sealed class InterfaceType : ComplexType
{
    internal InterfaceType(string name, string? description, TypeResolver? resolveType)
        : base(name, description)
    {
        ResolveType = resolveType;
    }

    /// <inheritdoc />
    public override TypeKind Kind => TypeKind.Interface;

    /// <summary>Picks the object type of a runtime value, or null to use <c>__typename</c> / <see cref="ObjectType.IsTypeOf"/>.</summary>
    public TypeResolver? ResolveType { get; }
}
