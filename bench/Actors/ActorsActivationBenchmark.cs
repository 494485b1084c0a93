using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Twins.Bench;

/// <summary>
/// Activations per second (first call to distinct grains with one in-memory persistent state: construct,
/// read state, OnActivateAsync, run the call), next to the bare cost of creating one object per key in a
/// ConcurrentDictionary and completing a call on it, measured in the same run with the same parallelism.
/// </summary>
internal sealed class ActorsActivationBenchmark : IBenchmark
{
    private const double Target = 100_000;

    public string Name => "actors-activation";

    public string Description => "Actors: activations/s with in-memory storage vs ConcurrentDictionary.GetOrAdd of new objects (args: [grains, default 300000] [callers, default 64])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
        var callers = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        var keys = Enumerable.Range(0, count).Select(i => "car-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await using var silo = await ActorsBenchSilo.StartAsync(cancellationToken);

        // Warm up on other keys.
        await ActivateAsync(silo, keys.Take(20_000).Select(k => "warm-" + k).ToArray(), callers, cancellationToken);
        await BaselineAsync(keys.Take(20_000).ToArray(), callers, cancellationToken);

        var baseline = await BaselineAsync(keys, callers, cancellationToken);
        var runtime = await ActivateAsync(silo, keys, callers, cancellationToken);

        Console.WriteLine($"baseline  GetOrAdd(new object): {baseline,12:N0} /s");
        Console.WriteLine($"runtime   activations:          {runtime,12:N0} /s  ({count:N0} grains, {callers} callers)");
        Console.WriteLine($"ratio {runtime / baseline:0.00}; target >= {Target:N0} activations/s");
        return runtime >= Target ? 0 : 1;
    }

    private static async Task<double> ActivateAsync(ActorsBenchSilo silo, string[] keys, int callers, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < keys.Length && !cancellationToken.IsCancellationRequested)
            {
                await silo.GrainFactory.GetGrain<IIdleGrain>(keys[i]).TouchAsync();
            }
        }, cancellationToken)));
        return keys.Length / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BaselineAsync(string[] keys, int callers, CancellationToken cancellationToken)
    {
        var map = new ConcurrentDictionary<string, TaskCompletionSource>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < keys.Length && !cancellationToken.IsCancellationRequested)
            {
                var entry = map.GetOrAdd(keys[i], static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                ThreadPool.UnsafeQueueUserWorkItem(static e => e.TrySetResult(), entry, preferLocal: false);
                await entry.Task;
            }
        }, cancellationToken)));
        return keys.Length / clock.Elapsed.TotalSeconds;
    }
}
