namespace Twins.Grains.Routing;

/// <summary><c>$aws/certificates/create-from-csr/json</c>.</summary>
public sealed record CreateFromCsrRoute : TopicRoute;
