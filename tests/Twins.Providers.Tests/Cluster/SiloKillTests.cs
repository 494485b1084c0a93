using Orleans.TestingHost;
using Twins.Providers.DynamoDb;
using Twins.Providers.Sqlite;
using Twins.Testing;

namespace Twins.Providers.Tests.Cluster;

/// <summary>
/// A grain's acknowledged writes survive the crash of its silo (Orleans.TestingHost's KillSiloAsync): a call through
/// the other silo reactivates the grain there from the provider's storage.
/// </summary>
public sealed class SiloKillTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task KillHostingSilo_SqliteStorage_OtherSiloReactivatesWithLastAcknowledgedState()
    {
        var folder = Directory.CreateTempSubdirectory("twins-providers-");
        try
        {
            // One file shared by both silos, as silos of one machine would.
            var dataSource = Path.Combine(folder.FullName, "twins.db");
            await KillHostingSiloAndReadAsync(
                silo => silo
                    .AddSqliteGrainStorage(ProviderClusterFixture.StorageName, o => o.DataSource = dataSource)
                    .UseSqliteReminderService(o => o.DataSource = dataSource));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public Task KillHostingSilo_DynamoDbStorage_OtherSiloReactivatesWithLastAcknowledgedState()
    {
        var prefix = "cluster-" + Guid.NewGuid().ToString("N");
        return KillHostingSiloAndReadAsync(
            silo => silo
                .AddDynamoDbGrainStorage(ProviderClusterFixture.StorageName, o =>
                {
                    o.CreateClient = dynalite.Server.CreateClient;
                    o.TableName = prefix + "-state";
                })
                .UseDynamoDbReminderService(o =>
                {
                    o.CreateClient = dynalite.Server.CreateClient;
                    o.TableName = prefix + "-reminders";
                }));
    }

    private static async Task KillHostingSiloAndReadAsync(Action<ISiloBuilder> addProviders)
    {
        var cluster = await ProviderClusterFixture.StartAsync(addProviders);
        await using (cluster)
        {
            var doomed = cluster.Silos[0];
            var survivor = cluster.Silos[1];
            var key = "VIN-" + Guid.NewGuid().ToString("N");
            var viaDoomed = ProviderClusterFixture.GrainFactory(doomed).GetGrain<IOdometerGrain>(key);
            Assert.Equal(10, await viaDoomed.DriveAsync(10));
            Assert.Equal(25, await viaDoomed.DriveAsync(15));
            Assert.Equal(doomed.SiloAddress, await viaDoomed.HostAsync());

            await cluster.KillSiloAsync(doomed);

            var viaSurvivor = ProviderClusterFixture.GrainFactory(survivor).GetGrain<IOdometerGrain>(key);
            var read = 0;
            // Calls fail until the survivor declares the killed silo dead; then the grain activates on the survivor.
            await Poll.UntilAsync(async () =>
            {
                read = await viaSurvivor.ReadAsync();
                return true;
            }, "the grain to answer through the surviving silo", TimeSpan.FromSeconds(60));
            Assert.Equal(25, read);
            Assert.Equal(survivor.SiloAddress, await viaSurvivor.HostAsync());
            Assert.Equal(32, await viaSurvivor.DriveAsync(7));
            Assert.Equal(32, await cluster.Client.GetGrain<IOdometerGrain>(key).ReadAsync());
        }
    }
}
