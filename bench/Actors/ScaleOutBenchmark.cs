using System.Diagnostics;
using System.Globalization;
using Twins.Actors;
using Twins.Actors.Placement;

namespace Twins.Bench;

/// <summary>
/// Three real silo processes on dynalite under a steady ping load from a cluster client; a fourth silo
/// process is started. Measures the time until it is Active and until every grain it now owns has
/// answered, the fraction of grains whose owner changed (ideal 1/N) and the calls that failed meanwhile.
/// Baseline in the same run: the fraction a hash-mod-N placement would move for the same grains.
/// </summary>
internal sealed class ScaleOutBenchmark : IBenchmark
{
    public string Name => "actors-scale-out";

    public string Description => "Actors: add a 4th silo process under load (dynalite): time to own its share, fraction of grains moved (vs 1/N and hash-mod-N), failed calls (args: [grains, default 400])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var grains = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        await using var cluster = await ProcessCluster.StartAsync(3, cancellationToken);
        await using var load = new GrainLoad(cluster.Factory, grains);
        load.Mark();
        await load.WaitAllAnsweredAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        var before = cluster.Membership.CurrentView.ActiveSilos;

        var clock = Stopwatch.StartNew();
        load.Mark();
        cluster.AddSilo();
        await cluster.WaitForActiveAsync(4, cancellationToken);
        var joined = clock.Elapsed;
        var failedWhileJoining = load.Failed;
        var after = cluster.Membership.CurrentView.ActiveSilos;
        var added = after.Except(before).Single();
        var ids = load.Grains.Select(g => g.GetGrainId()).ToArray();
        var moved = Enumerable.Range(0, grains)
            .Where(g => RendezvousPlacement.Owner(ids[g], before) != RendezvousPlacement.Owner(ids[g], after)).ToArray();
        var movedToOthers = moved.Count(g => RendezvousPlacement.Owner(ids[g], after) != added);
        load.Mark();
        var owned = await load.WaitAllAnsweredAsync(TimeSpan.FromSeconds(60), moved, cancellationToken);
        // Keep the load on for a second more so late failures (a stale owner answering) would be counted.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var failed = failedWhileJoining + load.Failed;
        var hashModMoved = ids.Count(id => RendezvousPlacement.Hash(id) % 3 != RendezvousPlacement.Hash(id) % 4);

        var fraction = (double)moved.Length / grains;
        Console.WriteLine($"{grains} grains, one caller each (a ping every 50 ms), 3 -> 4 silo processes on dynalite, default settings");
        Console.WriteLine($"new silo Active in the client's view {joined.TotalSeconds,6:0.000} s after its process started (includes .NET start-up)");
        Console.WriteLine($"every moved grain answering        {owned.TotalSeconds,6:0.000} s after that ({(joined + owned).TotalSeconds:0.000} s from process start)");
        Console.WriteLine($"moved  rendezvous placement: {moved.Length} of {grains} = {fraction:0.000} (ideal 1/4 = 0.250; {movedToOthers} moved between old silos)");
        Console.WriteLine($"baseline hash mod N placement would move {hashModMoved} of {grains} = {(double)hashModMoved / grains:0.000}");
        Console.WriteLine($"failed calls during the move: {failed} (target 0)");
        return failed == 0 && movedToOthers == 0 ? 0 : 1;
    }
}
