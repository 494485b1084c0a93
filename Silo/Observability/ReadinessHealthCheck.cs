using Microsoft.Extensions.Diagnostics.HealthChecks;
using Twins.Actors.Membership;
using Twins.Gateway;

namespace Twins.Silo.Observability;

/// <summary>
/// Ready to take traffic: the actor runtime started (with clustering: this silo is Active in the membership
/// view and still serving) and, when the gateway runs here, its publisher and every worker are connected to the broker.
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

        if (services.GetService<IClusterMembership>() is { } membership)
        {
            if (membership.LocalSilo is not { } local || !membership.IsServing || membership.CurrentView.StatusOf(local) != SiloStatus.Active)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("The silo has not joined the cluster."));
            }
        }

        if (services.GetService<GatewayService>() is { } gateway)
        {
            var disconnected = gateway.Workers.Count(w => !w.IsConnected) + (services.GetRequiredService<GatewayPublisher>().IsConnected ? 0 : 1);
            if (gateway.Workers.Count == 0 || disconnected > 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The gateway is not connected to the broker ({disconnected} of {gateway.Workers.Count + 1} connections down)."));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
