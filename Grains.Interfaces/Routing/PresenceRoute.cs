namespace Twins.Grains.Routing;

/// <summary><c>$aws/events/presence/{connected|disconnected}/{clientId}</c>.</summary>
/// <param name="ClientId">The MQTT client id the event is about (the thing name for vehicles).</param>
/// <param name="EventType">Connected or disconnected.</param>
public sealed record PresenceRoute(string ClientId, PresenceEventType EventType) : TopicRoute;
