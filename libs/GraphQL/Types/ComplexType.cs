namespace Twins.GraphQL.Types;

/// <summary>A type with fields: an object or an interface.</summary>
public abstract class ComplexType : NamedType
{
    private protected ComplexType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>The fields, in definition order.</summary>
    public IReadOnlyDictionary<string, OutputField> Fields { get; internal set; } = new Dictionary<string, OutputField>();

    /// <summary>The interfaces this type implements.</summary>
    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];
}
