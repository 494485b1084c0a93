namespace Twins.Grains.Routing;

/// <summary>An inbound topic of the vehicle contract, parsed by <see cref="TopicRouter"/>.</summary>
public abstract record TopicRoute;
