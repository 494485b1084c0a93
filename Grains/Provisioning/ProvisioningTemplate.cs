namespace Twins.Grains.Provisioning;

/// <summary>A provisioning template: its name and the <c>deviceConfiguration</c> returned to a provisioned vehicle.</summary>
public sealed record ProvisioningTemplate
{
    /// <summary>The name in <c>$aws/provisioning-templates/{template}/provision/json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Key/value settings sent back in the accepted reply.</summary>
    public IReadOnlyDictionary<string, string> DeviceConfiguration { get; init; } = new Dictionary<string, string>();
}
