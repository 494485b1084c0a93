using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.Routing;

namespace Twins.Grains.Vehicles;

/// <summary>Settings of vehicle grains, bound from <c>Twins:Vehicles</c>.</summary>
public sealed class VehicleGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Twins:Vehicles";

    /// <summary>Default <see cref="KeepAlive"/>: 60 s, the common firmware default.</summary>
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(60);

    /// <summary>The vehicles' MQTT keep-alive; a vehicle silent for 1.5 × this is marked disconnected.</summary>
    public TimeSpan KeepAlive { get; set; } = DefaultKeepAlive;

    /// <summary>Command executions kept per vehicle.</summary>
    public int CommandHistoryLimit { get; set; } = CommandOptions.DefaultHistoryLimit;

    /// <summary>Replaces <c>$aws</c> in the AWS-shaped topics.</summary>
    public string AwsTopicPrefix { get; set; } = TopicOptions.DefaultAwsPrefix;

    /// <summary>The prefix of Twins' own topics.</summary>
    public string TwinsTopicPrefix { get; set; } = TopicOptions.DefaultTwinsPrefix;

    /// <summary>
    /// Whether a <c>connected</c> lifecycle event may create the twin of a vehicle that has none and holds no
    /// certificate of the fleet CA (never provisioned). True (the default) suits development, where simulated
    /// vehicles connect on the plain loopback listener without provisioning; production sets it false, so only
    /// provisioned vehicles appear. A <c>disconnected</c> event never creates a twin either way.
    /// </summary>
    public bool AdmitUnprovisionedVehicles { get; set; } = true;

    /// <summary>The topic prefixes as the routing types take them.</summary>
    public TopicOptions Topics => new() { AwsPrefix = AwsTopicPrefix, TwinsPrefix = TwinsTopicPrefix };

    internal CommandOptions Commands => new() { HistoryLimit = CommandHistoryLimit };

    internal ConnectionOptions Connection => new() { KeepAlive = KeepAlive };
}
