using System.Diagnostics;

namespace Twins.Testing;

/// <summary>Waits for a real process or socket to get somewhere, with a deadline instead of a sleep.</summary>
public static class Poll
{
    /// <summary>Default deadline: generous, because the CI machine is shared and slow at times.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Re-evaluates <paramref name="condition"/> until it is true or the deadline passes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        Exception? last = null;
        var pause = TimeSpan.FromMilliseconds(5);
        while (deadline.Elapsed < limit)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }
            }
#pragma warning disable CA1031 // the condition may throw while the server is still starting
            catch (Exception ex)
#pragma warning restore CA1031
            {
                last = ex;
            }

            // Back off gently: this is polling a real process, not a clock-driven wait.
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }

        throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}." + (last is null ? "" : $" Last error: {last.Message}"), last);
    }

    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="step"/> (one second unless told) before each look, until
    /// <paramref name="condition"/> holds: for what a reminder does. Orleans schedules a reminder on its silo
    /// asynchronously after the registration returns, and loads one that is far ahead only when a table refresh finds
    /// it, so a single jump of the clock can land before the reminder waits on it; small steps reach it either way.
    /// </summary>
    public static Task AdvancingUntilAsync(ManualTimeProvider clock, Func<Task<bool>> condition, string what, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(
            () =>
            {
                clock.Advance(step ?? TimeSpan.FromSeconds(1));
                return condition();
            },
            what);
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), what, timeout, cancellationToken);
    }
}
