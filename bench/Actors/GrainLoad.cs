using System.Diagnostics;
using Twins.Actors;
using Twins.Actors.ClusterHost;

namespace Twins.Bench;

/// <summary>
/// A steady load on a set of counter grains: one caller per grain, each pinging its grain every
/// <see cref="Pause"/>. After <see cref="Mark"/>, records for each grain when a call that started after
/// the mark first succeeded, and counts failed calls.
/// </summary>
internal sealed class GrainLoad : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _firstAnswerAfterMark;
    private readonly Task[] _callers;
    private long _mark = long.MaxValue;
    private long _failed;
    private long _succeeded;

    public GrainLoad(IGrainFactory factory, int grains)
    {
        Grains = Enumerable.Range(0, grains).Select(g => factory.GetGrain<ICounterGrain>($"load-{g}")).ToArray();
        _firstAnswerAfterMark = new long[grains];
        _callers = Enumerable.Range(0, grains).Select(g => Task.Run(() => CallAsync(g))).ToArray();
    }

    /// <summary>The grains under load.</summary>
    public IReadOnlyList<ICounterGrain> Grains { get; }

    /// <summary>Calls that failed since the last mark.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Calls that succeeded since the last mark.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Starts measuring from now (a Stopwatch timestamp is returned); resets the counters.</summary>
    public long Mark()
    {
        Array.Clear(_firstAnswerAfterMark);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _succeeded, 0);
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _mark, now);
        return now;
    }

    /// <summary>
    /// The time from the mark until the last of <paramref name="grains"/> (indexes; all when null) first
    /// answered a call started after the mark, or null while some have not.
    /// </summary>
    public TimeSpan? AllAnsweredAfterMark(IEnumerable<int>? grains = null)
    {
        var latest = 0L;
        foreach (var g in grains ?? Enumerable.Range(0, Grains.Count))
        {
            var answered = Volatile.Read(ref _firstAnswerAfterMark[g]);
            if (answered == 0)
            {
                return null;
            }

            latest = Math.Max(latest, answered);
        }

        return Stopwatch.GetElapsedTime(Volatile.Read(ref _mark), latest);
    }

    /// <summary>Waits until every grain (of <paramref name="grains"/>) answered after the mark; returns the time it took.</summary>
    public async Task<TimeSpan> WaitAllAnsweredAsync(TimeSpan timeout, IEnumerable<int>? grains = null, CancellationToken cancellationToken = default)
    {
        var which = grains?.ToArray();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (AllAnsweredAfterMark(which) is { } elapsed)
            {
                return elapsed;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Some grains did not answer within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task CallAsync(int g)
    {
        var grain = Grains[g];
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await grain.PingAsync(g);
                if (started >= Volatile.Read(ref _mark))
                {
                    Interlocked.Increment(ref _succeeded);
                    Interlocked.CompareExchange(ref _firstAnswerAfterMark[g], Stopwatch.GetTimestamp(), 0);
                }
            }
#pragma warning disable CA1031 // a call to a dead silo fails until the cluster notices: counted, the caller keeps going
            catch (Exception)
#pragma warning restore CA1031
            {
                if (started >= Volatile.Read(ref _mark))
                {
                    Interlocked.Increment(ref _failed);
                }
            }

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
    }
}
