
namespace Twins.Silo.Hosting;

/// <summary>
/// Orleans resolves a <see cref="TimeProvider"/> per area (<see cref="TimeProviderNames"/>), each falling back to the
/// host's one. Grains (timers) and reminders follow the host's clock, which tests replace with a manual clock; the
/// runtime's own background work (messaging timeouts, membership probes, directory and activation maintenance) always
/// runs on real time, because a silo whose probes and heartbeats stand still declares itself degraded.
/// </summary>
internal static class BackgroundClocks
{
    private static readonly string[] s_realTimeAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    public static IServiceCollection KeepOrleansBackgroundOnRealTime(this IServiceCollection services)
    {
        foreach (var area in s_realTimeAreas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }

        return services;
    }
}
