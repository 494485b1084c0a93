namespace Twins.GraphQL.Types;

/// <summary>The kinds of GraphQL type, as introspection's <c>__TypeKind</c> names them.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the GraphQL specification's type kinds.")]
public enum TypeKind
{
    /// <summary>A leaf with a custom or built-in representation.</summary>
    Scalar,

    /// <summary>An object type with fields.</summary>
    Object,

    /// <summary>An abstract type implemented by object types.</summary>
    Interface,

    /// <summary>An abstract type listing object types.</summary>
    Union,

    /// <summary>A leaf with a fixed set of values.</summary>
    Enum,

    /// <summary>A structured input.</summary>
    InputObject,

    /// <summary>A list of another type.</summary>
    List,

    /// <summary>A non-null wrapper of another type.</summary>
    NonNull,
}
