namespace Twins.Grains.Routing;

/// <summary><c>$aws/things/{thing}/shadow[/name/{shadow}]/{update|get|delete}</c>.</summary>
/// <param name="ThingName">The vehicle.</param>
/// <param name="ShadowName">The named shadow, or <c>null</c> for the classic shadow.</param>
/// <param name="Operation">The request.</param>
public sealed record ShadowRoute(string ThingName, string? ShadowName, ShadowOperation Operation) : TopicRoute;
