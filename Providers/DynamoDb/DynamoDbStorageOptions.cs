using Amazon.DynamoDBv2;
using Orleans.Storage;

namespace Twins.Providers.DynamoDb;

/// <summary>Options of a DynamoDB grain storage (<see cref="DynamoDbProviderExtensions.AddDynamoDbGrainStorage"/>).</summary>
public sealed class DynamoDbStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "TwinsOrleansGrainState";

    /// <summary>Creates the DynamoDB client (default: the SDK's client configured from the environment). Called once.</summary>
    public Func<IAmazonDynamoDB> CreateClient { get; set; } = static () => new AmazonDynamoDBClient();

    /// <summary>The table (hash key <c>Id</c>, range key <c>State</c>); one table per storage or shared by several storages.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Create the table (on-demand billing) at silo start-up when it does not exist.</summary>
    public bool CreateTableIfMissing { get; set; } = true;

    /// <summary>
    /// Delete the item on <c>ClearStateAsync</c> instead of keeping a tombstone (an item without data whose ETag
    /// moves on). Default false: the tombstone also rejects a stale activation that never saw the record.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>The configuration key of the endpoint, named in start-up errors (e.g. <c>Twins:Cluster:DynamoDb:ServiceUrl</c>).</summary>
    public string? SettingName { get; set; }

    /// <summary>Serializes grain state; when left null, Orleans fills in the storage's keyed serializer or the silo's default.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
