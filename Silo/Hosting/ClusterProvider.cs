namespace Twins.Silo.Hosting;

/// <summary>Where the silos of a cluster keep membership, grain state, reminders and the fleet index (<c>Twins:Cluster:Provider</c>).</summary>
public enum ClusterProvider
{
    /// <summary>One process is the whole platform: no membership, SQLite files under the data directory (the default).</summary>
    Local,

    /// <summary>Silos of one machine sharing one SQLite file (<c>Twins:Cluster:SqliteDatabase</c>) for membership, state, reminders and the fleet index.</summary>
    Sqlite,

    /// <summary>Silos anywhere sharing DynamoDB tables (<c>Twins:Cluster:DynamoDb</c>) for membership, state, reminders, the fleet index and telemetry samples.</summary>
    DynamoDb,
}
