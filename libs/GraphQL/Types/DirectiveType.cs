namespace Twins.GraphQL.Types;

/// <summary>A directive definition.</summary>
public sealed class DirectiveType
{
    internal DirectiveType(string name, string? description, IReadOnlyDictionary<string, InputField> arguments, IReadOnlyList<string> locations, bool isRepeatable)
    {
        Name = name;
        Description = description;
        Arguments = arguments;
        Locations = locations;
        IsRepeatable = isRepeatable;
    }

    /// <summary>The name, without the <c>@</c>.</summary>
    public string Name { get; }

    /// <summary>Description, or null.</summary>
    public string? Description { get; }

    /// <summary>Arguments in definition order.</summary>
    public IReadOnlyDictionary<string, InputField> Arguments { get; }

    /// <summary>Locations by their specification names (FIELD, QUERY, ...).</summary>
    public IReadOnlyList<string> Locations { get; }

    /// <summary>True if it may appear more than once at a location.</summary>
    public bool IsRepeatable { get; }
}
