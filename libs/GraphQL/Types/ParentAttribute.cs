namespace Twins.GraphQL.Types;

/// <summary>Marks the parameter of a resolver method that receives the parent value.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ParentAttribute : Attribute
{
}
