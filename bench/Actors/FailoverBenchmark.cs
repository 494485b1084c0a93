using System.Globalization;
using Twins.Actors;
using Twins.Actors.Placement;
using Twins.Testing;

namespace Twins.Bench;

/// <summary>
/// Three real silo processes on dynalite with default settings under a steady ping load from a cluster
/// client; one silo is killed with SIGKILL and the time until every grain answers again is measured.
/// Baseline in the same run: a graceful stop (SIGTERM) of another silo, measured the same way.
/// </summary>
internal sealed class FailoverBenchmark : IBenchmark
{
    public string Name => "actors-failover";

    public string Description => "Actors: kill -9 one of three silo processes (dynalite, defaults): time until every grain answers again, vs a graceful stop (args: [grains, default 200])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var grains = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var cluster = await ProcessCluster.StartAsync(3, cancellationToken);
        await using var load = new GrainLoad(cluster.Factory, grains);
        load.Mark();
        await load.WaitAllAnsweredAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);

        var killed = Measure(cluster, load, "s2");
        load.Mark();
        cluster.Silos[1].Signal(Posix.SigKill);
        var failover = await load.WaitAllAnsweredAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        var failoverFailed = load.Failed;
        await cluster.WaitForActiveAsync(2, cancellationToken);

        var stopped = Measure(cluster, load, "s3");
        load.Mark();
        cluster.Silos[2].Signal(Posix.SigTerm);
        var graceful = await load.WaitAllAnsweredAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        var gracefulFailed = load.Failed;

        Console.WriteLine($"{grains} grains, one caller each (a ping every 50 ms), 3 silo processes, default settings (DeathTimeout 10 s, LinkDeathTimeout 3 s)");
        Console.WriteLine($"baseline  graceful stop (SIGTERM) of a silo owning {stopped} grains: every grain answering after {graceful.TotalSeconds,6:0.000} s, {gracefulFailed} failed calls");
        Console.WriteLine($"measured  kill -9 of a silo owning {killed} grains:               every grain answering after {failover.TotalSeconds,6:0.000} s, {failoverFailed} failed calls");
        Console.WriteLine($"ratio {failover / graceful:0.0}x the graceful stop; target <= 10 s: {(failover <= TimeSpan.FromSeconds(10) ? "met" : "missed")} (Orleans 9 defaults: ~90 s to declare a silo dead)");
        return failover <= TimeSpan.FromSeconds(10) ? 0 : 1;
    }

    private static int Measure(ProcessCluster cluster, GrainLoad load, string siloName)
    {
        var view = cluster.Membership.CurrentView;
        var silo = view.FindByName(siloName) ?? throw new InvalidOperationException($"{siloName} is not in the view {view}.");
        return load.Grains.Count(g => RendezvousPlacement.Owner(g.GetGrainId(), view.ActiveSilos) == silo);
    }
}
