using Twins.Grains.FleetIndex;
using Twins.Grains.TelemetrySink;
using Twins.Providers.DynamoDb;
using Twins.Providers.Sqlite;

namespace Twins.Silo.Hosting;

/// <summary>
/// Which Orleans providers (Providers/) keep grain state, reminders and membership, and where the fleet index and the
/// telemetry samples live, for each <see cref="ClusterProvider"/>.
/// </summary>
internal static class SiloStorage
{
    private const string ServiceUrlSetting = $"{ClusterHostingOptions.SectionName}:DynamoDb:{nameof(DynamoDbConnectionOptions.ServiceUrl)}";
    private const string SqliteSetting = $"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.SqliteDatabase)}";
    private const string DataDirectorySetting = $"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.DataDirectory)}";

    public static void Configure(ISiloBuilder silo, ClusterHostingOptions cluster, string dataDirectory)
    {
        switch (cluster.Provider)
        {
            case ClusterProvider.Local:
                UseSqlite(silo, Path.Combine(dataDirectory, "twins.db"), DataDirectorySetting);
                break;

            case ClusterProvider.Sqlite:
                var shared = Path.GetFullPath(cluster.SqliteDatabase!);
                UseSqlite(silo, shared, SqliteSetting);
                silo.UseSqliteClustering(o => (o.DataSource, o.SettingName) = (shared, SqliteSetting));
                break;

            case ClusterProvider.DynamoDb:
                var dynamo = cluster.DynamoDb;
                silo.AddDynamoDbGrainStorageAsDefault(o => (o.CreateClient, o.TableName, o.SettingName) = (dynamo.CreateClient, dynamo.GrainStateTable, ServiceUrlSetting));
                silo.UseDynamoDbReminderService(o => (o.CreateClient, o.TableName, o.SettingName) = (dynamo.CreateClient, dynamo.RemindersTable, ServiceUrlSetting));
                silo.UseDynamoDbClustering(o => (o.CreateClient, o.TableName, o.SettingName) = (dynamo.CreateClient, dynamo.MembershipTable, ServiceUrlSetting));
                silo.AddDynamoDbFleetIndex(dynamo.CreateClient, dynamo.FleetIndexTable);
                silo.AddDynamoDbTelemetrySink(dynamo.CreateClient, dynamo.TelemetryTable);
                break;
        }
    }

    /// <summary>A gateway process finds the cluster's gateways in the silos' membership table.</summary>
    public static void ConfigureClient(IClientBuilder client, ClusterHostingOptions cluster)
    {
        switch (cluster.Provider)
        {
            case ClusterProvider.Sqlite:
                client.UseSqliteClustering(o => (o.DataSource, o.SettingName) = (Path.GetFullPath(cluster.SqliteDatabase!), SqliteSetting));
                break;
            case ClusterProvider.DynamoDb:
                var dynamo = cluster.DynamoDb;
                client.UseDynamoDbClustering(o => (o.CreateClient, o.TableName, o.SettingName) = (dynamo.CreateClient, dynamo.MembershipTable, ServiceUrlSetting));
                break;
        }
    }

    private static void UseSqlite(ISiloBuilder silo, string database, string setting)
    {
        silo.AddSqliteGrainStorageAsDefault(o => (o.DataSource, o.SettingName) = (database, setting));
        silo.UseSqliteReminderService(o => (o.DataSource, o.SettingName) = (database, setting));
        silo.AddSqliteFleetIndex(database);
    }
}
