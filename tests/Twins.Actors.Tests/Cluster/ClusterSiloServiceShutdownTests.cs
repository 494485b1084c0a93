using Amazon.DynamoDBv2;
using Amazon.Runtime;
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
/// killed (requests fail at once) or partitioned (requests hang). The silo warns and finishes stopping.
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
        using var host = await StartSiloAsync(relay, logs, hostShutdownTimeout: ShutdownTimeout * 4);

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
        using var host = await StartSiloAsync(relay, logs, hostShutdownTimeout: ShutdownTimeout);

        relay.Freeze();

        await AssertStopsCleanlyAsync(host, logs);
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

    private static async Task<IHost> StartSiloAsync(TcpRelay relay, CapturingLoggerProvider logs, TimeSpan hostShutdownTimeout)
    {
        var host = BuildSilo(relay, logs, hostShutdownTimeout);
        await host.StartAsync();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateGrain>("shutdown");
        await grain.SetAsync(7);
        Assert.Equal(7, (await grain.GetAsync()).Value);
        var membership = host.Services.GetRequiredService<IClusterMembership>();
        Assert.Contains(membership.LocalSilo!, membership.CurrentView.ActiveSilos);
        return host;
    }

    private static IHost BuildSilo(TcpRelay relay, CapturingLoggerProvider logs, TimeSpan hostShutdownTimeout)
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
            o =>
            {
                o.SiloPort = 0;
                o.AdvertisedHost = "127.0.0.1";
            });
        return builder.Build();
    }

    private static AmazonDynamoDBClient CreateClient(TcpRelay relay) =>
        new(new BasicAWSCredentials("twins-test", "twins-test-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = relay.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
}
