using Twins.GraphQL.Language;

namespace Twins.GraphQL.Types.Internal;

/// <summary>An argument or input field as declared.</summary>
internal sealed class InputValueConfig(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public TypeNode? Type { get; set; }

    public ValueNode? DefaultLiteral { get; set; }

    public bool HasClrDefault { get; set; }

    public object? ClrDefault { get; set; }

    public string? DeprecationReason { get; set; }
}
