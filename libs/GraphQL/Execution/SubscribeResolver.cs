namespace Twins.GraphQL.Execution;

/// <summary>Produces the event stream of a subscription root field; each event is then resolved like a query.</summary>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscribeResolver(IResolverContext context);
