namespace Twins.GraphQL.Types;

/// <summary>Names the field a resolver method resolves (or the argument a parameter binds) when the C# name differs.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter)]
public sealed class GraphQLNameAttribute(string name) : Attribute
{
    /// <summary>The GraphQL name.</summary>
    public string Name { get; } = name;
}
