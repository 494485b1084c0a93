using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Twins.Gateway.Diagnostics;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Telemetry;

namespace Twins.Gateway;

/// <summary>Registers the MQTT gateway in a host that has an <see cref="IGrainFactory"/> (a silo or a cluster client).</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway: options from <c>Gateway</c> (validated on start), telemetry descriptors from
    /// <c>Telemetry</c>, the publisher as the grains' <see cref="IVehicleOutbound"/>, and the hosted
    /// service that runs the workers.
    /// </summary>
    public static IServiceCollection AddTwinsGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddOptions<TelemetryDescriptorOptions>().BindConfiguration(TelemetryDescriptorOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayCounters>();
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<GatewayPublisher>();
        services.AddSingleton<IVehicleOutbound>(sp => sp.GetRequiredService<GatewayPublisher>());
        services.TryAddSingleton<InboundHandler>();
        services.TryAddSingleton<GatewayService>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayService>());
        return services;
    }
}
