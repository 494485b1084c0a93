using Amazon.DynamoDBv2;

namespace Twins.Providers.DynamoDb;

/// <summary>Options of the DynamoDB reminder table (<see cref="DynamoDbProviderExtensions.UseDynamoDbReminderService"/>).</summary>
public sealed class DynamoDbReminderOptions
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "TwinsOrleansReminders";

    /// <summary>Creates the DynamoDB client (default: the SDK's client configured from the environment). Called once.</summary>
    public Func<IAmazonDynamoDB> CreateClient { get; set; } = static () => new AmazonDynamoDBClient();

    /// <summary>The table (hash key <c>Id</c>, range key <c>Name</c>, index <c>ServiceId-GrainHash</c>).</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Create the table (on-demand billing) when the reminder service starts and it does not exist.</summary>
    public bool CreateTableIfMissing { get; set; } = true;

    /// <summary>The configuration key of the endpoint, named in start-up errors.</summary>
    public string? SettingName { get; set; }
}
