namespace Twins.GraphQL.Types;

/// <summary>Helpers over type references.</summary>
public static class TypeExtensions
{
    /// <summary>The named type under any list and non-null wrappers.</summary>
    public static NamedType NamedType(this IGraphQLType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (true)
        {
            switch (type)
            {
                case NamedType named: return named;
                case ListType list: type = list.OfType; break;
                case NonNullType nonNull: type = nonNull.OfType; break;
                default: throw new InvalidOperationException("Unknown type wrapper.");
            }
        }
    }

    /// <summary>The type without an outer non-null wrapper.</summary>
    public static IGraphQLType Nullable(this IGraphQLType type) => type is NonNullType nonNull ? nonNull.OfType : type;

    /// <summary>True if the type is non-null.</summary>
    public static bool IsNonNull(this IGraphQLType type) => type is NonNullType;

    /// <summary>True if the type (under non-null) is an input type.</summary>
    public static bool IsInputType(this IGraphQLType type) => type.NamedType().IsInputType;

    /// <summary>True if the type (under wrappers) may be returned by a field.</summary>
    public static bool IsOutputType(this IGraphQLType type) => type.NamedType().IsOutputType;

    /// <summary>Structural equality of two type references.</summary>
    public static bool IsEqualType(this IGraphQLType a, IGraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => x.OfType.IsEqualType(y.OfType),
        (ListType x, ListType y) => x.OfType.IsEqualType(y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y),
        _ => false,
    };
}
