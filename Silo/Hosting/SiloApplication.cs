using Microsoft.Extensions.Options;
using Twins.Actors.Client;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;
using Twins.Actors.Storage;
using Twins.Actors.Storage.DynamoDb;
using Twins.Gateway;
using Twins.Gateway.Provisioning;
using Twins.Grains.Certificates.Grains;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Observers;
using Twins.Grains.TelemetrySink;
using Twins.Grains.Vehicles;
using Twins.Silo.Api;
using Twins.Silo.OperationsConsole;
using Twins.Silo.Observability;

namespace Twins.Silo.Hosting;

/// <summary>Builds the silo's web application; shared by Program and by tests that start a real silo.</summary>
public static class SiloApplication
{
    /// <summary>Where the silo listens unless <c>--urls</c> (or ASPNETCORE_URLS) says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Creates the host with configuration from <paramref name="args"/>, appsettings and the environment:
    /// a silo (<c>Twins:Role=Silo</c>, the default) alone or in a cluster (<c>Twins:Cluster:Provider</c>), or a
    /// gateway process (<c>Twins:Role=Gateway</c>). Wrong cluster settings throw <see cref="OptionsValidationException"/>
    /// naming each key before anything starts.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configureServices">Test hook: runs last, so it can replace services (a manual clock, a sink).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddTwinsSiloHost();
        builder.Services.AddSiloObservability(builder.Configuration);

        // Relative to the working directory (the repository root for ./twins run); an empty value is
        // refused by the options validator on start, so fall back here only to build the paths.
        var dataDirectory = builder.Configuration[$"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.DataDirectory)}"];
        dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? SiloHostOptions.DefaultDataDirectory : dataDirectory);
        var certificateFolder = builder.Configuration[$"{CertificateGrainOptions.SectionName}:{nameof(CertificateGrainOptions.DataDirectory)}"];
        var certificateDirectory = Path.GetFullPath(Path.Combine(dataDirectory, string.IsNullOrWhiteSpace(certificateFolder) ? new CertificateGrainOptions().DataDirectory : certificateFolder));
        var (role, cluster) = ClusterHostingValidation.Read(builder.Configuration, certificateDirectory);
        if (cluster.IsClustered)
        {
            // Two MQTT connections with one client id take each other over: each process gets its own prefix.
            var processName = role == SiloRole.Gateway ? "gateway-" + Environment.MachineName.ToLowerInvariant() + "-" + Environment.ProcessId : builder.Configuration[$"{SiloOptions.SectionName}:{nameof(SiloOptions.SiloName)}"];
            builder.Services.PostConfigure<GatewayOptions>(o =>
            {
                if (o.ClientIdPrefix == new GatewayOptions().ClientIdPrefix)
                {
                    o.ClientIdPrefix = $"twins-{processName}";
                }
            });
        }

        if (role == SiloRole.Gateway)
        {
            AddGatewayProcess(builder, cluster);
        }
        else
        {
            AddSilo(builder, cluster, dataDirectory, certificateDirectory);
        }

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSiloObservability();
        if (role == SiloRole.Silo)
        {
            app.MapFleetApi();
            app.MapOperationsConsole();
        }

        return app;
    }

    private static void AddSilo(WebApplicationBuilder builder, ClusterHostingOptions cluster, string dataDirectory, string certificateDirectory)
    {
        var silo = builder.Services.AddTwinsSilo();
        switch (cluster.Provider)
        {
            case ClusterProvider.Local:
            {
                var grainDatabase = Path.Combine(dataDirectory, "twins.db");
                silo.AddSqliteGrainStorage(SiloOptions.DefaultStorage, o => o.DataSource = grainDatabase);
                silo.UseSqliteReminders(o => o.DataSource = grainDatabase);
                silo.AddSqliteFleetIndex(grainDatabase);
                break;
            }

            case ClusterProvider.Sqlite:
            {
                var shared = Path.GetFullPath(cluster.SqliteDatabase!);
                silo.AddSqliteGrainStorage(SiloOptions.DefaultStorage, o => o.DataSource = shared);
                silo.UseSqliteReminders(o => o.DataSource = shared);
                silo.UseSqliteClustering(o => o.DataSource = shared);
                silo.AddSqliteFleetIndex(shared);
                break;
            }

            case ClusterProvider.DynamoDb:
            {
                var dynamo = cluster.DynamoDb;
                silo.AddDynamoDbGrainStorage(SiloOptions.DefaultStorage, o => Table(o, dynamo.GrainStateTable));
                silo.UseDynamoDbReminders(o => Table(o, dynamo.RemindersTable));
                silo.UseDynamoDbClustering(o => Table(o, dynamo.MembershipTable));
                silo.AddDynamoDbFleetIndex(dynamo.CreateClient, dynamo.FleetIndexTable);
                silo.AddDynamoDbTelemetrySink(dynamo.CreateClient, dynamo.TelemetryTable);
                break;

                void Table(DynamoDbOptions options, string table)
                {
                    options.CreateClient = dynamo.CreateClient;
                    options.TableName = table;
                }
            }
        }

        // Without a shared sink (DynamoDb registers one), telemetry samples stay in the silo that received them (a per-process SQLite file).
        silo.AddVehicleGrains(Path.Combine(dataDirectory, "telemetry.db"));
        builder.Services.AddFleetApi(dataDirectory);
        if (cluster.IsClustered)
        {
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService(sp => new CertificateAuthoritySeeding(
                cluster, certificateDirectory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CertificateAuthoritySeeding>>()));
        }

        silo.AddCertificateGrains(dataDirectory);
        if (builder.Configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Enabled)}", true))
        {
            builder.Services.AddTwinsGateway();
            builder.Services.AddTwinsProvisioning();
        }
        else if (cluster.IsClustered)
        {
            AddOutboundPublisher(builder.Services);
        }
    }

    private static void AddGatewayProcess(WebApplicationBuilder builder, ClusterHostingOptions cluster)
    {
        var client = cluster.Provider == ClusterProvider.DynamoDb
            ? builder.Services.AddTwinsDynamoDbClient(o =>
            {
                o.CreateClient = cluster.DynamoDb.CreateClient;
                o.TableName = cluster.DynamoDb.MembershipTable;
            })
            : builder.Services.AddTwinsClient(sp => new SqliteMembershipTable(
                new SqliteStorageOptions { DataSource = Path.GetFullPath(cluster.SqliteDatabase!) }, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        client.AddJsonSerializerContext(VehicleJsonContext.Default);
        client.AddJsonSerializerContext(CertificatesJsonContext.Default);
        client.AddJsonSerializerContext(ObserversJsonContext.Default);
        builder.Services.AddSingleton(cluster);
        builder.Services.AddTwinsGateway();
        builder.Services.AddTwinsProvisioning();
    }

    private static void AddOutboundPublisher(IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        services.AddSingleton<GatewayCounters>();
        services.AddSingleton<GatewayPublisher>();
        services.AddSingleton<IVehicleOutbound>(sp => sp.GetRequiredService<GatewayPublisher>());
        services.AddHostedService<OutboundPublisherService>();
    }
}
