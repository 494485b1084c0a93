namespace Twins.GraphQL.Execution;

/// <summary>Returns the object type name of a value of an abstract type, or null if unknown.</summary>
public delegate string? TypeResolver(object value, IResolverContext context);
