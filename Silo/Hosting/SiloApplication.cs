using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Gateway;
using Twins.Gateway.Provisioning;
using Twins.Grains.Certificates.Grains;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Vehicles;
using Twins.Silo.Api;
using Twins.Silo.OperationsConsole;
using Twins.Silo.Observability;
using GatewayOptions = Twins.Gateway.GatewayOptions;

namespace Twins.Silo.Hosting;

/// <summary>Builds the silo's web application; shared by Program and by tests that start a real silo.</summary>
public static class SiloApplication
{
    /// <summary>Where the silo listens unless <c>--urls</c> (or ASPNETCORE_URLS) says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Creates the host with configuration from <paramref name="args"/>, appsettings and the environment:
    /// an Orleans silo (<c>Twins:Role=Silo</c>, the default) alone or in a cluster (<c>Twins:Cluster:Provider</c>), or a
    /// gateway process (<c>Twins:Role=Gateway</c>, an Orleans client). Wrong cluster settings throw
    /// <see cref="OptionsValidationException"/> naming each key before anything starts.
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
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = silo.ShutdownTimeout);
        if (cluster.IsClustered)
        {
            // Two MQTT connections with one client id take each other over: each process gets its own prefix.
            var processName = role == SiloRole.Gateway ? "gateway-" + Environment.MachineName.ToLowerInvariant() + "-" + Environment.ProcessId : silo.SiloName;
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
            AddGatewayProcess(builder, cluster, silo);
        }
        else
        {
            AddSilo(builder, cluster, silo, dataDirectory, certificateDirectory);
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

    private static void AddSilo(WebApplicationBuilder builder, ClusterHostingOptions cluster, SiloOptions options, string dataDirectory, string certificateDirectory)
    {
        var configuration = builder.Configuration;
        builder.Services.KeepOrleansBackgroundOnRealTime();
        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = options.SiloName);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = options.CollectionAge);
            silo.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = cluster.ServiceId);
            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = Grains.Internal.GrainReminders.MinimumPeriod;
                o.ReminderLoadingWindow = Grains.Internal.GrainReminders.LoadingWindow;
            });
            silo.Configure<ClusterMembershipOptions>(FailureDetection.Apply);
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection($"{ClusterHostingOptions.SectionName}:Membership"));
            if (ObservabilityEndpoints.IsTracingEnabled(configuration))
            {
                silo.AddActivityPropagation();
            }

            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.Services.PostConfigure<Orleans.Serialization.SystemTextJsonGrainStorageSerializerOptions>(o =>
                o.JsonSerializerOptions.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));
            SiloEndpoints.Configure(silo, cluster);
            SiloStorage.Configure(silo, cluster, dataDirectory);

            // Without a shared sink (DynamoDb registers one), telemetry samples stay in the silo that received them (a per-process SQLite file).
            silo.AddVehicleGrains(Path.Combine(dataDirectory, "telemetry.db"));
            silo.AddCertificateGrains(dataDirectory);
        });

        builder.Services.AddFleetApi(dataDirectory);
        if (cluster.IsClustered)
        {
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService(sp => new CertificateAuthoritySeeding(
                cluster, certificateDirectory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CertificateAuthoritySeeding>>()));
        }

        if (configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Enabled)}", true))
        {
            builder.Services.AddTwinsGateway();
            builder.Services.AddTwinsProvisioning();
        }
        else if (cluster.IsClustered)
        {
            AddOutboundPublisher(builder.Services);
        }
    }

    private static void AddGatewayProcess(WebApplicationBuilder builder, ClusterHostingOptions cluster, SiloOptions options)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = cluster.ServiceId);
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = FailureDetection.GatewayListRefreshPeriod);
            if (ObservabilityEndpoints.IsTracingEnabled(builder.Configuration))
            {
                client.AddActivityPropagation();
            }

            SiloStorage.ConfigureClient(client, cluster);
        });
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
