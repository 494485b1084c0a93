using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors;
using Twins.Actors.Membership;
using Twins.Actors.Placement;

namespace Twins.Bench;

/// <summary>
/// Grain observers across silos: a grain on silo B notifies (one-way, through ObserverManager.NotifyAsync) an
/// observer created on silo A, next to the same notifications to an observer on silo B itself (no transport),
/// in the same run. Measures notifications/s for a burst sent in one turn and the latency of single
/// notifications sent one at a time (grain turn to observer, both clocks the same process's Stopwatch).
/// </summary>
internal sealed class ObserverBenchmark : IBenchmark
{
    public string Name => "actors-observer";

    public string Description => "Actors: one-way grain observer notifications from silo B to an observer on silo A (2 silos, loopback) vs to an observer on silo B: notifications/s and p50/p99 (args: [burst size, default 100000] [latency samples, default 2000])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var burst = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var samples = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var table = new MemoryMembershipTable();
        var a = await InMemoryBenchSilo.StartAsync("a", table, cancellationToken);
        var b = await InMemoryBenchSilo.StartAsync("b", table, cancellationToken);
        try
        {
            await a.Services.GetRequiredService<IClusterMembership>().RefreshAsync(cancellationToken);
            var membership = b.Services.GetRequiredService<IClusterMembership>();
            var keys = Enumerable.Range(0, 1000).Select(i => $"ticker{i}")
                .Where(k => RendezvousPlacement.Owner(new GrainId("ticker", k), membership.CurrentView.ActiveSilos) == membership.LocalSilo).Take(2).ToArray();
            var local = await MeasureAsync(b, b, keys[0], burst, samples, cancellationToken);
            var remote = await MeasureAsync(a, b, keys[1], burst, samples, cancellationToken);
            Console.WriteLine($"baseline  observer on the grain's silo: {local.Rate,10:N0} notifications/s  single p50 {local.P50,7:0.000} ms  p99 {local.P99,7:0.000} ms  out of order {local.OutOfOrder}");
            Console.WriteLine($"runtime   observer on the other silo:  {remote.Rate,10:N0} notifications/s  single p50 {remote.P50,7:0.000} ms  p99 {remote.P99,7:0.000} ms  out of order {remote.OutOfOrder}");
            Console.WriteLine($"burst {burst:N0} in one turn, {samples:N0} single notifications; rate ratio {remote.Rate / local.Rate:0.00}");
            return remote.OutOfOrder == 0 && local.OutOfOrder == 0 ? 0 : 1;
        }
        finally
        {
            await b.StopAsync(CancellationToken.None);
            await a.StopAsync(CancellationToken.None);
            b.Dispose();
            a.Dispose();
        }
    }

    /// <summary>Subscribes an observer hosted by <paramref name="host"/> to the ticker (owned by <paramref name="owner"/>) and measures.</summary>
    private static async Task<Result> MeasureAsync(IHost host, IHost owner, string key, int burst, int samples, CancellationToken cancellationToken)
    {
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var observer = new Recorder();
        var reference = factory.CreateObjectReference<ITickObserver>(observer);
        var ticker = factory.GetGrain<ITickerGrain>(key);
        var sender = owner.Services.GetRequiredService<IGrainFactory>().GetGrain<ITickerGrain>(key);
        await ticker.SubscribeAsync(reference);
        try
        {
            // Warm-up, then a burst sent in one turn: rate from the call to the last tick received.
            await observer.ExpectAsync(1_000, () => sender.TickAsync(0, 1_000), cancellationToken);
            var clock = Stopwatch.StartNew();
            await observer.ExpectAsync(burst, () => sender.TickAsync(1_000, burst), cancellationToken);
            var rate = burst / clock.Elapsed.TotalSeconds;

            // Single notifications, each sent after the previous one arrived.
            var latencies = new double[samples];
            for (var i = 0; i < samples; i++)
            {
                var first = 1_000 + burst + i;
                await observer.ExpectAsync(1, () => sender.TickAsync(first, 1), cancellationToken);
                latencies[i] = observer.LastLatencyMs;
            }

            Array.Sort(latencies);
            return new Result(rate, latencies[samples / 2], latencies[(int)(samples * 0.99)], observer.OutOfOrder);
        }
        finally
        {
            await ticker.UnsubscribeAsync(reference);
            factory.DeleteObjectReference<ITickObserver>(reference);
        }
    }


    private sealed record Result(double Rate, double P50, double P99, int OutOfOrder);

    /// <summary>Counts ticks, checks their order and keeps the latency of the last one.</summary>
    private sealed class Recorder : ITickObserver
    {
        private readonly Lock _gate = new();
        private int _expected;
        private int _remaining;
        private int _lastSequence = -1;
        private TaskCompletionSource? _done;

        public int OutOfOrder { get; private set; }

        public double LastLatencyMs { get; private set; }

        public async Task ExpectAsync(int count, Func<Task> send, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _expected = count;
                _remaining = count;
                _done = done;
            }

            await send();
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }

        public Task OnTickAsync(int sequence, long sentTimestamp)
        {
            var latency = Stopwatch.GetElapsedTime(sentTimestamp).TotalMilliseconds;
            lock (_gate)
            {
                if (sequence != _lastSequence + 1)
                {
                    OutOfOrder++;
                }

                _lastSequence = sequence;
                LastLatencyMs = latency;
                if (--_remaining == 0 && _expected > 0)
                {
                    _done?.TrySetResult();
                }
            }

            return Task.CompletedTask;
        }
    }
}
