namespace Twins.GraphQL.Types.Internal;

/// <summary>An enum value as declared.</summary>
internal sealed class EnumValueConfig(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public string? DeprecationReason { get; set; }

    public object? Value { get; set; }
}
