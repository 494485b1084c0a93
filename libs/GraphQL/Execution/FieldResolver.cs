namespace Twins.GraphQL.Execution;

/// <summary>Resolves a field's value; may complete synchronously.</summary>
public delegate ValueTask<object?> FieldResolver(IResolverContext context);
