using System.Diagnostics;
using System.Globalization;

namespace Twins.Bench;

/// <summary>
/// Issue 10's scale-out figures with the product: three product silos on dynalite and a gateway process,
/// vehicles updating their shadows over MQTT; a fourth silo is started under load. Measured: seconds until it is
/// ready (Active in the membership table) and until it carries its share (its live activations stop growing),
/// the share it took, and the failed calls during the move (updates without an answer, messages the gateway gave
/// up, grain calls that failed in the gateway; publishes answered later than their wait are counted apart as slow). Baseline in the same run: the same counts over an equally long
/// window with no silo joining.
/// </summary>
internal sealed class ProductScaleOutBenchmark : IBenchmark
{
    private const string Activations = "orleans_catalog_activations";
    private const string GatewayFailed = "twins_gateway_messages_failed_total";
    // Grain calls the gateway process gave up on after its retries (Orleans counts no per-call failures a client could read).
    private const string CallFailures = "twins_gateway_messages_failed_total";

    public string Name => "product-scale-out";

    public string Description => "Product: start a 4th product silo under MQTT shadow load: seconds until it carries its share, failed calls during the move, vs a window without a join (args: [vehicles, default 300] [interval ms, default 1000])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var vehicles = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var interval = TimeSpan.FromMilliseconds(args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
        await using var bench = await ProductBenchCluster.StartAsync(3, vehicles, interval, cancellationToken);
        bench.Load.ReplyTimeout = TimeSpan.FromSeconds(2);
        bench.Load.Start();
        await bench.WaitAllAnsweredAsync(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(3), cancellationToken);

        // Baseline window: no join.
        var window = TimeSpan.FromSeconds(15);
        var before = await CountAsync(bench, cancellationToken);
        await Task.Delay(window, cancellationToken);
        var baseline = await CountAsync(bench, cancellationToken) - before;

        before = await CountAsync(bench, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var silo4 = bench.Cluster.StartSilo(4);
        bench.Silos.Add(silo4);
        await Twins.Testing.ProductCluster.WaitReadyAsync(silo4, cancellationToken: cancellationToken);
        var ready = Stopwatch.GetElapsedTime(started);
        var slowBeforeReady = bench.Load.Unanswered - before.Unanswered;

        // Carrying its share: live activations on silo4 stopped growing for 3 s.
        double last = -1;
        var lastGrowth = Stopwatch.GetTimestamp();
        while (last <= 0 || Stopwatch.GetElapsedTime(lastGrowth) < TimeSpan.FromSeconds(3))
        {
            var now = await bench.MetricAsync(silo4, Activations, cancellationToken);
            if (now > last)
            {
                last = now;
                lastGrowth = Stopwatch.GetTimestamp();
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("silo4 took no grains within 3 minutes.");
            }

            await Task.Delay(250, cancellationToken);
        }

        var share = (lastGrowth - started) / (double)Stopwatch.Frequency;
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed < window)
        {
            await Task.Delay(window - elapsed, cancellationToken);
        }

        var move = await CountAsync(bench, cancellationToken) - before;
        await bench.Load.StopAsync();
        var lost = await bench.CountLostAsync(silo4, cancellationToken);
        var carried = await bench.MetricAsync(silo4, Activations, cancellationToken);

        Console.WriteLine($"{vehicles} vehicles, one shadow update each per {interval.TotalMilliseconds:0} ms (QoS 1, re-published after 2, 4, 8 s unanswered); 3 -> 4 product silos (DynamoDB on dynalite) + 1 gateway process");
        Console.WriteLine($"baseline  {window.TotalSeconds:0} s without a join:      {baseline}");
        Console.WriteLine($"measured  {Math.Max(window.TotalSeconds, elapsed.TotalSeconds):0} s around silo4's join: {move}");
        Console.WriteLine($"          silo4 ready (Active) {ready.TotalSeconds:0.0} s after its process started; carrying its share {share:0.0} s after start ({share - ready.TotalSeconds:0.0} s after ready): {carried:0} live activations = {carried / vehicles:0.00} of the vehicles (1/4 = 0.25)");
        Console.WriteLine($"          failed calls during the move: {move.Failed} (target 0); slow ones (publishes unanswered within their wait, published again): {move.Unanswered}, {slowBeforeReady} of them before silo4 was Active; acknowledged updates lost: {lost}");
        return move.Failed == 0 && lost == 0 ? 0 : 1;
    }

    private static async Task<Counts> CountAsync(ProductBenchCluster bench, CancellationToken cancellationToken) => new(
        bench.Load.Unanswered,
        (long)await bench.MetricAsync(bench.Gateway, GatewayFailed, cancellationToken),
        (long)await bench.MetricAsync(bench.Gateway, CallFailures, cancellationToken));

    private sealed record Counts(long Unanswered, long GatewayFailed, long CallFailures)
    {
        public long Failed => GatewayFailed + CallFailures;

        public static Counts operator -(Counts a, Counts b) => new(a.Unanswered - b.Unanswered, a.GatewayFailed - b.GatewayFailed, a.CallFailures - b.CallFailures);

        public override string ToString() => $"{Unanswered} publishes unanswered within their wait (2, 4, 8 s), {GatewayFailed} messages the gateway gave up, {CallFailures} failed grain calls in the gateway";
    }
}
