using Microsoft.Extensions.Diagnostics.HealthChecks;
using Twins.Gateway;

namespace Twins.Silo.Observability;

/// <summary>
/// Ready to take traffic: Orleans started (in a silo: this silo is Active in the cluster's membership; in a gateway
/// process the Orleans client connects before the host reports started) and, when the gateway runs here, its
/// publisher and every worker are connected to the broker (a clustered silo without workers: its publisher).
/// </summary>
internal sealed class ReadinessHealthCheck(IHostApplicationLifetime lifetime, IServiceProvider services) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo is starting."));
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo is stopping."));
        }

        if (services.GetService<ILocalSiloDetails>() is { } local
            && services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local.SiloAddress) != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo has not joined the cluster."));
        }

        if (services.GetService<GatewayService>() is { } gateway)
        {
            var disconnected = gateway.Workers.Count(w => !w.IsConnected) + (services.GetRequiredService<GatewayPublisher>().IsConnected ? 0 : 1);
            if (gateway.Workers.Count == 0 || disconnected > 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The gateway is not connected to the broker ({disconnected} of {gateway.Workers.Count + 1} connections down)."));
            }
        }
        else if (services.GetService<GatewayPublisher>() is { IsConnected: false })
        {
            // A clustered silo whose gateway workers run elsewhere still publishes its grains' replies.
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo's publisher is not connected to the broker."));
        }

        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
