using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Twins.Providers.DynamoDb;
using Twins.Providers.Sqlite;
using Twins.Testing;

namespace Twins.Providers.Tests.Cluster;

/// <summary>
/// Two silos on loopback TCP whose membership, reminders and grain storage are all the providers under test, and a
/// cluster client that finds them through the provider's gateway list. The silo hosting a grain is killed (stopped
/// with a cancelled token, as Orleans.TestingHost kills); the other declares it dead in the provider's membership
/// table and reactivates the grain from storage.
/// </summary>
public sealed class ProviderClusteringTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task KillHostingSilo_SqliteClusteringAndStorage_SurvivorTakesOverWithLastAcknowledgedState()
    {
        var folder = Directory.CreateTempSubdirectory("twins-providers-");
        try
        {
            var dataSource = Path.Combine(folder.FullName, "twins.db");
            await KillHostingSiloAsync(
                silo => silo
                    .UseSqliteClustering(o => o.DataSource = dataSource)
                    .UseSqliteReminderService(o => o.DataSource = dataSource)
                    .AddSqliteGrainStorage(ProviderClusterFixture.StorageName, o => o.DataSource = dataSource),
                client => client.UseSqliteClustering(o => o.DataSource = dataSource));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public Task KillHostingSilo_DynamoDbClusteringAndStorage_SurvivorTakesOverWithLastAcknowledgedState()
    {
        var prefix = "providers-" + Guid.NewGuid().ToString("N");
        return KillHostingSiloAsync(
            silo => silo
                .UseDynamoDbClustering(o => { o.CreateClient = dynalite.Server.CreateClient; o.TableName = prefix + "-membership"; })
                .UseDynamoDbReminderService(o => { o.CreateClient = dynalite.Server.CreateClient; o.TableName = prefix + "-reminders"; })
                .AddDynamoDbGrainStorage(ProviderClusterFixture.StorageName, o => { o.CreateClient = dynalite.Server.CreateClient; o.TableName = prefix + "-state"; }),
            client => client.UseDynamoDbClustering(o => { o.CreateClient = dynalite.Server.CreateClient; o.TableName = prefix + "-membership"; }));
    }

    private static async Task KillHostingSiloAsync(Action<ISiloBuilder> addProviders, Action<IClientBuilder> addClustering)
    {
        var clusterId = "twins-" + Guid.NewGuid().ToString("N");
        var doomed = await StartSiloAsync(clusterId, addProviders);
        var survivor = await StartSiloAsync(clusterId, addProviders);
        var client = await StartClientAsync(clusterId, addClustering);
        try
        {
            var key = "VIN-" + Guid.NewGuid().ToString("N");
            var viaDoomed = doomed.Services.GetRequiredService<IGrainFactory>().GetGrain<IOdometerGrain>(key);
            Assert.Equal(40, await viaDoomed.DriveAsync(40));
            Assert.Equal(42, await viaDoomed.DriveAsync(2));
            var doomedAddress = doomed.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            Assert.Equal(doomedAddress, await viaDoomed.HostAsync());
            Assert.Equal(42, await client.Services.GetRequiredService<IClusterClient>().GetGrain<IOdometerGrain>(key).ReadAsync());

            await KillAsync(doomed);

            var viaSurvivor = survivor.Services.GetRequiredService<IGrainFactory>().GetGrain<IOdometerGrain>(key);
            var read = 0;
            // Calls fail until the survivor declares the killed silo dead; then the grain activates on the survivor.
            await Poll.UntilAsync(async () =>
            {
                read = await viaSurvivor.ReadAsync();
                return true;
            }, "the grain to answer through the surviving silo", TimeSpan.FromSeconds(60));
            Assert.Equal(42, read);
            Assert.Equal(survivor.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, await viaSurvivor.HostAsync());
            var membership = await survivor.Services.GetRequiredService<IMembershipTable>().ReadAllAsync(CancellationToken.None);
            Assert.Equal(SiloStatus.Dead, membership.TryGet(doomedAddress)?.Item1.Status);

            var viaClient = client.Services.GetRequiredService<IClusterClient>().GetGrain<IOdometerGrain>(key);
            var total = 0;
            await Poll.UntilAsync(async () =>
            {
                total = await viaClient.DriveAsync(1);
                return true;
            }, "the client to reach the grain through the surviving gateway", TimeSpan.FromSeconds(60));
            Assert.Equal(43, total);
        }
        finally
        {
            await StopAsync(client);
            await StopAsync(survivor);
        }
    }

    private static async Task<IHost> StartSiloAsync(string clusterId, Action<ISiloBuilder> addProviders)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "twins-providers-tests";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next());
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            addProviders(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> StartClientAsync(string clusterId, Action<IClientBuilder> addClustering)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "twins-providers-tests";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            addClustering(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops the silo without letting it shut down in order, as Orleans.TestingHost's KillSiloAsync does.</summary>
    private static async Task KillAsync(IHost silo)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            await silo.StopAsync(cancelled.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: nothing waits for an orderly shutdown.
        }

        silo.Dispose();
    }

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }
}
