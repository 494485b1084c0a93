using System.Collections.Concurrent;
using System.Globalization;

namespace Twins.Bench;

/// <summary>
/// Managed memory per idle activation (a grain with one empty persistent state, activated by one call
/// and left idle), next to the memory of the bare minimum a directory of those grains needs: one small
/// object per key in a ConcurrentDictionary, measured in the same run.
/// </summary>
internal sealed class ActorsIdleMemoryBenchmark : IBenchmark
{
    private const double TargetBytes = 1024;

    public string Name => "actors-idle-memory";

    public string Description => "Actors: bytes per idle activation over 1,000,000 grains vs a ConcurrentDictionary of one object per key (args: [grains])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;

        var before = Settle();
        var map = new ConcurrentDictionary<string, object>();
        for (var i = 0; i < count; i++)
        {
            map[Key(i)] = new object();
        }

        var baseline = (Settle() - before) / (double)count;
        GC.KeepAlive(map);
        map = null;

        await using var silo = await ActorsBenchSilo.StartAsync(cancellationToken);
        await silo.GrainFactory.GetGrain<IIdleGrain>("warm").TouchAsync();
        before = Settle();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                await silo.GrainFactory.GetGrain<IIdleGrain>(Key(i)).TouchAsync();
            }
        }, cancellationToken)));
        var runtime = (Settle() - before) / (double)count;

        Console.WriteLine($"baseline  dictionary entry + key + object: {baseline,8:N0} B each");
        Console.WriteLine($"runtime   idle activation (empty state):   {runtime,8:N0} B each ({count:N0} grains)");
        Console.WriteLine($"ratio {runtime / baseline:0.00}; target <= {TargetBytes:N0} B per activation");
        return runtime <= TargetBytes ? 0 : 1;
    }

    private static string Key(int i) => "car-" + i.ToString("D7", CultureInfo.InvariantCulture);

    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
