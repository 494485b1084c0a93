using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types;

/// <summary>A field of an object or interface type.</summary>
public sealed class OutputField
{
    internal OutputField(string name, string? description, IGraphQLType type, IReadOnlyDictionary<string, InputField> arguments, string? deprecationReason, FieldResolver? resolver, SubscribeResolver? subscriber, int? cost)
    {
        Name = name;
        Description = description;
        Type = type;
        Arguments = arguments;
        DeprecationReason = deprecationReason;
        Resolver = resolver;
        Subscriber = subscriber;
        Cost = cost;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>Description, or null.</summary>
    public string? Description { get; }

    /// <summary>The type it returns.</summary>
    public IGraphQLType Type { get; }

    /// <summary>Its arguments in definition order.</summary>
    public IReadOnlyDictionary<string, InputField> Arguments { get; }

    /// <summary>Why it is deprecated, or null if it is not.</summary>
    public string? DeprecationReason { get; }

    /// <summary>True if deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The resolver, or null for the default (property or dictionary entry of the parent).</summary>
    public FieldResolver? Resolver { get; }

    /// <summary>For subscription root fields: produces the event stream.</summary>
    public SubscribeResolver? Subscriber { get; }

    /// <summary>The cost this field adds to a request (defaults apply when null).</summary>
    public int? Cost { get; }
}
