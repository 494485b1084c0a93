namespace Twins.Grains.Routing;

/// <summary><c>twins/vehicles/{thing}/telemetry</c>.</summary>
/// <param name="ThingName">The vehicle sending samples.</param>
public sealed record TelemetryRoute(string ThingName) : TopicRoute;
