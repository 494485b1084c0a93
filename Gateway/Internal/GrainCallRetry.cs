using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Twins.Gateway.Internal;

/// <summary>
/// How a lane tries a failed grain call again. A failure because the cluster is changing (the owning silo died or
/// left and is not yet declared dead, a call timed out, the store was briefly unreachable) is retried with backoff
/// for <see cref="GatewayOptions.TransientRetryWindow"/>, which outlasts failure detection, so a message the broker
/// already acknowledged to its vehicle is not dropped during a failover. A failure of the grain itself (its own
/// exception) is final after <see cref="GatewayOptions.MaxAttempts"/>.
/// </summary>
internal static class GrainCallRetry
{
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether <paramref name="error"/> may go away by itself while the cluster settles: the silo that owned the grain
    /// is gone (<see cref="SiloUnavailableException"/>), a message was rejected while the cluster view changed
    /// (<see cref="OrleansMessageRejectionException"/>), a gateway process lost or could not reach its silo
    /// (<see cref="ConnectionFailedException"/>, <see cref="GatewayTooBusyException"/>), the call timed out, or the store
    /// refused a write made from a stale view (<see cref="InconsistentStateException"/>) or failed briefly (Orleans
    /// reports a storage provider's own error as <see cref="OrleansException"/> with the provider's exception inside).
    /// </summary>
    public static bool IsTransient(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or TimeoutException or InconsistentStateException
        || (error is OrleansException && error.InnerException is not null && error.GetType() == typeof(OrleansException));

    /// <summary>Whether the message should be given up after <paramref name="attempt"/> failed with <paramref name="error"/>, <paramref name="elapsed"/> after the first try.</summary>
    public static bool ShouldGiveUp(Exception error, int attempt, TimeSpan elapsed, GatewayOptions options) =>
        IsTransient(error) ? elapsed >= options.TransientRetryWindow : attempt >= options.MaxAttempts;

    /// <summary>The wait before the next attempt: 0.1 s, doubling to at most 1 s (a short cap: the lane holds other vehicles' messages behind it, and the silo's replacement is usually ready within seconds).</summary>
    public static TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(s_longestDelay.Ticks, s_firstDelay.Ticks << Math.Min(attempt - 1, 16)));
}
