using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;
using Twins.Actors.Storage.DynamoDb;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests.Cluster;

/// <summary>
/// Graceful shutdown of a clustered silo whose DynamoDB store (real dynalite behind a relay) has gone away:
/// killed (requests fail at once) or partitioned (requests hang); and of one whose SQLite membership file is
/// locked by another writer. The silo warns and finishes stopping.
/// </summary>
public sealed class ClusterSiloServiceShutdownTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task StopAsync_DynamoDbKilled_FinishesStoppingAndWarns()
    {
        var dynalite = await DynaliteServer.StartAsync();
        await using var _ = dynalite;
        await using var relay = new TcpRelay(dynalite.Port);
        var logs = new CapturingLoggerProvider();
        using var host = await StartSiloAsync(silo => UseDynamoDb(silo, relay), logs, hostShutdownTimeout: ShutdownTimeout * 4);

        await dynalite.DisposeAsync();

        await AssertStopsCleanlyAsync(host, logs);
    }

    [Fact]
    public async Task StopAsync_DynamoDbHangsPastHostShutdownTimeout_FinishesStoppingAndWarns()
    {
        await using var dynalite = await DynaliteServer.StartAsync();
        await using var relay = new TcpRelay(dynalite.Port);
        var logs = new CapturingLoggerProvider();
        // The host's own timeout runs out during the leave, so every later service stops on a cancelled token.
        using var host = await StartSiloAsync(silo => UseDynamoDb(silo, relay), logs, hostShutdownTimeout: ShutdownTimeout);

        relay.Freeze();

        await AssertStopsCleanlyAsync(host, logs);
    }

    [Fact]
    public async Task StopAsync_SqliteMembershipLockedByAnotherWriter_FinishesStoppingAndWarns()
    {
        var folder = Directory.CreateTempSubdirectory("twins-shutdown-");
        try
        {
            var file = Path.Combine(folder.FullName, "cluster.db");
            var logs = new CapturingLoggerProvider();
            using var host = await StartSiloAsync(
                silo =>
                {
                    silo.AddMemoryGrainStorage("store");
                    silo.UseInMemoryReminders();
                    silo.UseSqliteClustering(o => o.DataSource = file, ConfigureCluster);
                },
                logs,
                hostShutdownTimeout: ShutdownTimeout);

            // Another writer holds the file's write lock: SQLite makes the silo's writes wait out its busy timeout.
            await using var other = new SqliteConnection($"Data Source={file};Pooling=False");
            await other.OpenAsync();
            await using (var begin = other.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            await AssertStopsCleanlyAsync(host, logs);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task AssertStopsCleanlyAsync(IHost host, CapturingLoggerProvider logs)
    {
        using var deadline = new CancellationTokenSource(ShutdownTimeout * 8);
        var stopping = host.StopAsync();
        var finished = await Task.WhenAny(stopping, Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(static _ => { }, TaskScheduler.Default));

        Assert.True(finished == stopping, "the silo did not finish stopping after its shutdown timeouts");
        Assert.Null(await Record.ExceptionAsync(() => stopping));
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Category.EndsWith("ClusterSiloService", StringComparison.Ordinal)
            && l.Message.Contains("could not write membership status", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
    }

    private static async Task<IHost> StartSiloAsync(Action<ISiloBuilder> configureStores, CapturingLoggerProvider logs, TimeSpan hostShutdownTimeout)
    {
        var host = BuildSilo(configureStores, logs, hostShutdownTimeout);
        await host.StartAsync();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateGrain>("shutdown");
        await grain.SetAsync(7);
        Assert.Equal(7, (await grain.GetAsync()).Value);
        var membership = host.Services.GetRequiredService<IClusterMembership>();
        Assert.Contains(membership.LocalSilo!, membership.CurrentView.ActiveSilos);
        return host;
    }

    private static IHost BuildSilo(Action<ISiloBuilder> configureStores, CapturingLoggerProvider logs, TimeSpan hostShutdownTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = hostShutdownTimeout);
        builder.Services.AddSingleton(new Journal());
        builder.Services.AddSingleton(new Gate());
        var silo = builder.Services.AddTwinsSilo(o =>
        {
            o.SiloName = "lonely";
            o.ShutdownTimeout = ShutdownTimeout;
        });
        silo.AddJsonSerializerContext(TestJsonContext.Default);
        configureStores(silo);
        return builder.Build();
    }

    private static void UseDynamoDb(ISiloBuilder silo, TcpRelay relay)
    {
        var suffix = Guid.NewGuid().ToString("N");
        silo.AddDynamoDbGrainStorage("store", o =>
        {
            o.CreateClient = () => CreateClient(relay);
            o.TableName = $"state-{suffix}";
        });
        silo.UseDynamoDbReminders(o =>
        {
            o.CreateClient = () => CreateClient(relay);
            o.TableName = $"reminders-{suffix}";
        });
        silo.UseDynamoDbClustering(
            o =>
            {
                o.CreateClient = () => CreateClient(relay);
                o.TableName = $"members-{suffix}";
            },
            ConfigureCluster);
    }

    private static void ConfigureCluster(ClusterOptions options)
    {
        options.SiloPort = 0;
        options.AdvertisedHost = "127.0.0.1";
    }

    private static AmazonDynamoDBClient CreateClient(TcpRelay relay) =>
        new(new BasicAWSCredentials("twins-test", "twins-test-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = relay.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
}
