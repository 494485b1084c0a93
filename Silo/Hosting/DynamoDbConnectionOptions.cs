using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Twins.Silo.Hosting;

/// <summary>How a clustered process reaches DynamoDB (<c>Twins:Cluster:DynamoDb</c>).</summary>
public sealed class DynamoDbConnectionOptions
{
    /// <summary>Default <see cref="TablePrefix"/>.</summary>
    public const string DefaultTablePrefix = "Twins";

    /// <summary>
    /// An endpoint URL instead of AWS's regional one: DynamoDB Local or dynalite (<c>http://127.0.0.1:8000</c>).
    /// Empty: the region's AWS endpoint.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (also the signing region for <see cref="ServiceUrl"/>).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Prepended to the table names: <c>{prefix}Membership</c>, <c>{prefix}GrainState</c>, <c>{prefix}Reminders</c>, <c>{prefix}FleetIndex</c>.</summary>
    public string TablePrefix { get; set; } = DefaultTablePrefix;

    /// <summary>
    /// Access key id; empty: the SDK's default credential chain (environment, profile, pod identity). With a
    /// <see cref="ServiceUrl"/> and no credentials anywhere, a local placeholder pair is used (local servers accept any).
    /// </summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Secret access key matching <see cref="AccessKeyId"/>.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>The membership table's name.</summary>
    public string MembershipTable => TablePrefix + "Membership";

    /// <summary>The grain state table's name.</summary>
    public string GrainStateTable => TablePrefix + "GrainState";

    /// <summary>The reminders table's name.</summary>
    public string RemindersTable => TablePrefix + "Reminders";

    /// <summary>The fleet index table's name.</summary>
    public string FleetIndexTable => TablePrefix + "FleetIndex";

    /// <summary>The telemetry samples table's name.</summary>
    public string TelemetryTable => TablePrefix + "Telemetry";

    /// <summary>Creates a client for these settings (each provider owns its client).</summary>
    public IAmazonDynamoDB CreateClient()
    {
        var config = new AmazonDynamoDBConfig();
        if (string.IsNullOrWhiteSpace(ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
        }

        if (!string.IsNullOrEmpty(AccessKeyId))
        {
            return new AmazonDynamoDBClient(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config);
        }

        var local = !string.IsNullOrWhiteSpace(ServiceUrl) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
        return local ? new AmazonDynamoDBClient(new BasicAWSCredentials("twins-local", "twins-local"), config) : new AmazonDynamoDBClient(config);
    }
}
