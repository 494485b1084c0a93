using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Twins.Bench;

/// <summary>
/// In-silo grain call round trips per second and bytes allocated per call, next to a bare
/// <see cref="Channel{T}"/> ping-pong between two tasks measured in the same run. One caller awaits each
/// call before the next, so both sides pay the same two thread-pool hand-offs per round trip.
/// </summary>
internal sealed class ActorsPingBenchmark : IBenchmark
{
    private const double RateTarget = 0.5;
    private const double BytesTarget = 300;

    public string Name => "actors-ping";

    public string Description => "Actors: in-silo ping calls/s and bytes/call vs a Channel<T> ping-pong (args: [seconds per side, default 5])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        await using var silo = await ActorsBenchSilo.StartAsync(cancellationToken);
        var grain = silo.GrainFactory.GetGrain<IPingGrain>("ping");

        // Warm both paths (JIT, tiering, first activation).
        await ChannelPingPongAsync(TimeSpan.FromSeconds(1), cancellationToken);
        await GrainPingAsync(grain, TimeSpan.FromSeconds(1), cancellationToken);

        var baseline = await ChannelPingPongAsync(duration, cancellationToken);
        var runtime = await GrainPingAsync(grain, duration, cancellationToken);

        var ratio = runtime.Rate / baseline.Rate;
        Console.WriteLine($"baseline  Channel<int> ping-pong: {baseline.Rate,12:N0} round trips/s  {baseline.BytesPerCall,7:N1} B/round trip");
        Console.WriteLine($"runtime   grain PingAsync:        {runtime.Rate,12:N0} calls/s        {runtime.BytesPerCall,7:N1} B/call");
        Console.WriteLine($"ratio {ratio:0.00} (target >= {RateTarget}), bytes/call {runtime.BytesPerCall:0} (target <= {BytesTarget})");
        return ratio >= RateTarget && runtime.BytesPerCall <= BytesTarget ? 0 : 1;
    }

    private static async Task<Result> GrainPingAsync(IPingGrain grain, TimeSpan duration, CancellationToken cancellationToken)
    {
        long calls = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 1000; i++)
            {
                await grain.PingAsync(i);
            }

            calls += 1000;
        }

        var elapsed = clock.Elapsed;
        return new Result(calls / elapsed.TotalSeconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)calls);
    }

    private static async Task<Result> ChannelPingPongAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var pings = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pongs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var ponger = Task.Run(async () =>
        {
            await foreach (var value in pings.Reader.ReadAllAsync(cancellationToken))
            {
                pongs.Writer.TryWrite(value);
            }
        }, cancellationToken);

        long trips = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 1000; i++)
            {
                pings.Writer.TryWrite(i);
                await pongs.Reader.ReadAsync(cancellationToken);
            }

            trips += 1000;
        }

        var elapsed = clock.Elapsed;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)trips;
        pings.Writer.Complete();
        await ponger;
        return new Result(trips / elapsed.TotalSeconds, bytes);
    }

    private readonly record struct Result(double Rate, double BytesPerCall);
}
