using Amazon.DynamoDBv2;

namespace Twins.Providers.DynamoDb;

/// <summary>Options of the DynamoDB membership table and gateway list (<c>UseDynamoDbClustering</c>).</summary>
public sealed class DynamoDbClusteringOptions
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "TwinsOrleansMembership";

    /// <summary>Creates the DynamoDB client (default: the SDK's client configured from the environment). Called once.</summary>
    public Func<IAmazonDynamoDB> CreateClient { get; set; } = static () => new AmazonDynamoDBClient();

    /// <summary>The table (hash key <c>ClusterId</c>, one item per cluster).</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Create the table (on-demand billing) when a silo or client starts and it does not exist.</summary>
    public bool CreateTableIfMissing { get; set; } = true;

    /// <summary>The configuration key of the endpoint, named in start-up errors.</summary>
    public string? SettingName { get; set; }
}
