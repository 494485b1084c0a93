namespace Twins.Silo.Hosting;

/// <summary>Which Orleans providers keep grain state, reminders, membership and the fleet index for each <see cref="ClusterProvider"/>.</summary>
internal static class SiloStorage
{
    public static void Configure(ISiloBuilder silo, ClusterHostingOptions cluster, string dataDirectory)
    {
        // TEMPORARY until Twins.Providers lands: memory storage and reminders.
        silo.AddMemoryGrainStorageAsDefault();
        silo.UseInMemoryReminderService();
        Grains.FleetIndex.FleetIndexSiloBuilderExtensions.AddSqliteFleetIndex(silo, Path.Combine(dataDirectory, "twins.db"));
        _ = cluster;
    }

    public static void ConfigureClient(IClientBuilder client, ClusterHostingOptions cluster)
    {
        _ = client;
        _ = cluster;
    }
}
