namespace Twins.GraphQL.Types;

/// <summary>A non-null <see cref="OfType"/>.</summary>
public sealed class NonNullType : IGraphQLType
{
    /// <summary>Creates the wrapper.</summary>
    public NonNullType(IGraphQLType ofType)
    {
        if (ofType is NonNullType)
        {
            throw new ArgumentException("Non-null of non-null is not a type.", nameof(ofType));
        }

        OfType = ofType;
    }

    /// <summary>The wrapped type.</summary>
    public IGraphQLType OfType { get; }

    /// <inheritdoc />
    public TypeKind Kind => TypeKind.NonNull;

    /// <summary>Prints as <c>Type!</c>.</summary>
    public override string ToString() => OfType + "!";
}
