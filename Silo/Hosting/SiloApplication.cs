using Twins.Actors.Hosting;
using Twins.Gateway;
using Twins.Gateway.Provisioning;
using Twins.Grains.Certificates.Grains;
using Twins.Grains.FleetIndex;
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

    /// <summary>Creates the host with configuration from <paramref name="args"/>, appsettings and the environment.</summary>
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
        builder.Services.AddSiloObservability();

        // Relative to the working directory (the repository root for ./twins run); an empty value is
        // refused by the options validator on start, so fall back here only to build the paths.
        var dataDirectory = builder.Configuration[$"{SiloHostOptions.SectionName}:{nameof(SiloHostOptions.DataDirectory)}"];
        dataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? SiloHostOptions.DefaultDataDirectory : dataDirectory;
        var grainDatabase = Path.GetFullPath(Path.Combine(dataDirectory, "twins.db"));
        var silo = builder.Services.AddTwinsSilo();
        silo.AddSqliteGrainStorage(SiloOptions.DefaultStorage, o => o.DataSource = grainDatabase);
        silo.UseSqliteReminders(o => o.DataSource = grainDatabase);
        silo.AddVehicleGrains(Path.GetFullPath(Path.Combine(dataDirectory, "telemetry.db")));
        silo.AddSqliteFleetIndex(grainDatabase);
        builder.Services.AddFleetApi(Path.GetFullPath(dataDirectory));
        silo.AddCertificateGrains(Path.GetFullPath(dataDirectory));
        if (builder.Configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Enabled)}", true))
        {
            builder.Services.AddTwinsGateway();
            builder.Services.AddTwinsProvisioning();
        }

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSiloObservability();
        app.MapFleetApi();
        app.MapOperationsConsole();
        return app;
    }
}
