namespace Twins.GraphQL.Language;

/// <summary>The directive locations of the specification, by the names SDL uses.</summary>
internal static class DirectiveLocationNames
{
    public static readonly IReadOnlyList<string> All =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private static readonly HashSet<string> Set = new(All, StringComparer.Ordinal);

    public static bool IsValid(string name) => Set.Contains(name);
}
