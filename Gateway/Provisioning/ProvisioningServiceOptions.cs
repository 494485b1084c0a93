namespace Twins.Gateway.Provisioning;

/// <summary>Settings of the gateway's provisioning endpoint (section <c>Gateway:Provisioning</c>).</summary>
public sealed class ProvisioningServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Provisioning";

    /// <summary>Whether the gateway serves fleet provisioning by claim.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Replies go to a request's MQTT 5 Response Topic only when it starts with this prefix (the broker ACL
    /// lets each client read only <c>{prefix}{clientId}/...</c>), so a requester cannot make the privileged
    /// gateway publish into another vehicle's topics. Other Response Topics are refused and counted.
    /// </summary>
    public string ReplyTopicPrefix { get; set; } = "twins/replies/";

    /// <summary>How many requests are handled at once.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>How many provisioning grain keys the requests are spread over.</summary>
    public int Partitions { get; set; } = 8;
}
