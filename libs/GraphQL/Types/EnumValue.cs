namespace Twins.GraphQL.Types;

/// <summary>One value of an enum type.</summary>
public sealed class EnumValue
{
    internal EnumValue(string name, string? description, string? deprecationReason, object value)
    {
        Name = name;
        Description = description;
        DeprecationReason = deprecationReason;
        Value = value;
    }

    /// <summary>The name clients use.</summary>
    public string Name { get; }

    /// <summary>Description, or null.</summary>
    public string? Description { get; }

    /// <summary>Why it is deprecated, or null if it is not.</summary>
    public string? DeprecationReason { get; }

    /// <summary>True if deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The runtime value resolvers see and return (the name itself unless mapped).</summary>
    public object Value { get; }
}
