namespace Twins.GraphQL.Types;

/// <summary>A named type or a list / non-null wrapper of one.</summary>
public interface IGraphQLType
{
    /// <summary>What kind of type this is.</summary>
    TypeKind Kind { get; }
}
