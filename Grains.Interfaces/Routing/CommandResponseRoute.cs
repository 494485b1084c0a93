namespace Twins.Grains.Routing;

/// <summary><c>$aws/commands/things/{thing}/executions/{executionId}/response/json</c>.</summary>
/// <param name="ThingName">The vehicle answering.</param>
/// <param name="ExecutionId">The execution answered.</param>
public sealed record CommandResponseRoute(string ThingName, string ExecutionId) : TopicRoute;
