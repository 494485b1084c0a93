namespace Twins.Grains.Routing;

/// <summary><c>$aws/provisioning-templates/{template}/provision/json</c>.</summary>
/// <param name="TemplateName">The provisioning template named by the device.</param>
public sealed record ProvisionRoute(string TemplateName) : TopicRoute;
