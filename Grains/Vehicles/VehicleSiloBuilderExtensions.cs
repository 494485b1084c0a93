using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.TelemetrySink;
using Twins.Grains.WakeUp;

namespace Twins.Grains.Vehicles;

/// <summary>Registers vehicle grains and their collaborators on a silo.</summary>
public static class VehicleSiloBuilderExtensions
{
    /// <summary>
    /// Adds vehicle grains: options from <c>Twins:Vehicles</c> (validated on start), the JSON metadata of their state, the SQLite telemetry sink at <paramref name="telemetryDatabase"/>, the wake-up
    /// notifier (webhook when <c>Twins:WakeUp:WebhookUrl</c> is set, else the log) and, unless a gateway
    /// registers one, an outbound port that drops messages with a log line.
    /// </summary>
    public static ISiloBuilder AddVehicleGrains(this ISiloBuilder silo, string telemetryDatabase)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(telemetryDatabase);
        var services = silo.Services;
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, VehicleStateJsonContext.Default));
        services.AddOptions<VehicleGrainOptions>().BindConfiguration(VehicleGrainOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VehicleGrainOptions>, VehicleGrainOptionsValidator>());
        services.AddOptions<WebhookWakeUpOptions>().BindConfiguration(WebhookWakeUpOptions.SectionName);
        services.TryAddSingleton<VehicleServices>();
        services.TryAddSingleton<ITelemetrySink>(sp => new SqliteTelemetrySink(new SqliteTelemetrySinkOptions { DataSource = telemetryDatabase }, sp.GetRequiredService<ILogger<SqliteTelemetrySink>>()));
        services.TryAddSingleton<IWakeUpNotifier>(sp =>
            sp.GetRequiredService<IOptions<WebhookWakeUpOptions>>().Value.WebhookUrl is null
                ? ActivatorUtilities.CreateInstance<LogWakeUpNotifier>(sp)
                : new WebhookWakeUpNotifier(new HttpClient(), sp.GetRequiredService<IOptions<WebhookWakeUpOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookWakeUpNotifier>>()));
        services.TryAddSingleton<IVehicleOutbound, DroppingVehicleOutbound>();
        return silo;
    }
}
