using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types;

/// <summary>An argument, or a field of an input object.</summary>
public sealed class InputField
{
    internal InputField(string name, string? description, IGraphQLType type, ValueNode? defaultLiteral, string? deprecationReason)
    {
        Name = name;
        Description = description;
        Type = type;
        DefaultLiteral = defaultLiteral;
        DeprecationReason = deprecationReason;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Description, or null.</summary>
    public string? Description { get; }

    /// <summary>The input type.</summary>
    public IGraphQLType Type { get; }

    /// <summary>True if a default value is defined.</summary>
    public bool HasDefaultValue => DefaultLiteral is not null;

    /// <summary>Why it is deprecated, or null if it is not.</summary>
    public string? DeprecationReason { get; }

    /// <summary>True if deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The default as written in the schema.</summary>
    internal ValueNode? DefaultLiteral { get; }

    /// <summary>The coerced default value, or <see cref="Undefined.Value"/>.</summary>
    internal object? DefaultValue { get; set; } = Undefined.Value;

    /// <summary>The default printed as a GraphQL literal, or null.</summary>
    public string? DefaultValueText => DefaultLiteral is null ? null : SyntaxPrinter.Print(DefaultLiteral);
}
