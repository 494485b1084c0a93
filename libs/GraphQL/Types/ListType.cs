namespace Twins.GraphQL.Types;

/// <summary>A list of <see cref="OfType"/>.</summary>
public sealed class ListType : IGraphQLType
{
    /// <summary>Creates the wrapper.</summary>
    public ListType(IGraphQLType ofType)
    {
        OfType = ofType;
    }

    /// <summary>The item type.</summary>
    public IGraphQLType OfType { get; }

    /// <inheritdoc />
    public TypeKind Kind => TypeKind.List;

    /// <summary>Prints as <c>[Item]</c>.</summary>
    public override string ToString() => "[" + OfType + "]";
}
