using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Twins.Gateway.Certificates;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Gateway.Provisioning;

/// <summary>Registers the gateway's provisioning endpoint.</summary>
public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProvisioningService"/> (needs the gateway's options and a grain factory) and the
    /// gateway's <see cref="IBrokerSessionTakeover"/> (ending a revoked certificate's open connection).
    /// </summary>
    public static IServiceCollection AddTwinsProvisioning(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningServiceOptions>().BindConfiguration(ProvisioningServiceOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayCounters>();
        services.TryAddSingleton<ProvisioningService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProvisioningService>());
        services.AddSingleton<IBrokerSessionTakeover, BrokerSessionTakeover>();
        return services;
    }
}
