using Amazon.DynamoDBv2;

namespace Twins.Actors.Storage.DynamoDb;

/// <summary>Where the DynamoDB providers keep grain state, reminders and membership.</summary>
public sealed class DynamoDbOptions
{
    /// <summary>Creates the client (default: the SDK's default client, configured from the environment).</summary>
    public Func<IAmazonDynamoDB> CreateClient { get; set; } = static () => new AmazonDynamoDBClient();

    /// <summary>The table name (one table per kind: the providers append nothing; use distinct names).</summary>
    public string TableName { get; set; } = "TwinsGrainState";

    /// <summary>Creates the table (on-demand billing) when it does not exist.</summary>
    public bool CreateTableIfMissing { get; set; } = true;
}
