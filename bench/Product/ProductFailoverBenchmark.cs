using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Twins.Testing;

namespace Twins.Bench;

/// <summary>
/// Issue 10's failover figures with the product: three product silos on dynalite and a gateway process on
/// mosquitto, vehicles updating their shadows over MQTT (one update per vehicle per interval, re-published after
/// 2, 4, 8 s without an answer) and one command per vehicle with a 30 s deadline (the vehicles never answer commands,
/// so each must end TIMED_OUT through its reminder); silo2 is killed with SIGKILL. Measured: seconds until every
/// vehicle answers again, acknowledged updates lost, commands left without a terminal status. Baseline in the same
/// run: the time for every vehicle to answer with no fault (one load cycle).
/// </summary>
internal sealed class ProductFailoverBenchmark : IBenchmark
{
    private static readonly string[] Terminal = ["SUCCEEDED", "FAILED", "REJECTED", "TIMED_OUT"];

    public string Name => "product-failover";

    public string Description => "Product: kill -9 one of three product silos under MQTT shadow load: seconds until every vehicle answers, acknowledged updates lost, commands without a terminal status (args: [vehicles, default 300] [interval ms, default 1000])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var vehicles = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var interval = TimeSpan.FromMilliseconds(args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
        await using var bench = await ProductBenchCluster.StartAsync(3, vehicles, interval, cancellationToken);
        bench.Load.ReplyTimeout = TimeSpan.FromSeconds(2);
        bench.Load.Start();
        await bench.WaitAllAnsweredAsync(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(3), cancellationToken);

        // Baseline: every vehicle answering once with no fault, after one more cycle so the start-up burst
        // (every vehicle's first activation at once) has drained.
        await bench.WaitAllAnsweredAsync(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(2), cancellationToken);
        var baseline = await bench.WaitAllAnsweredAsync(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(1), cancellationToken);

        // One command per vehicle, created through the API of silo1; the vehicles never answer them.
        var executions = new List<string>(vehicles);
        foreach (var thing in bench.Load.Things)
        {
            using var created = await bench.GraphQLAsync(bench.Silos[0], $$"""mutation { sendCommand(input: { thingName: "{{thing}}", command: "horn", timeout: 30 }) { commandExecution { id } errors { __typename } } }""", cancellationToken);
            executions.Add(created.RootElement.GetProperty("data").GetProperty("sendCommand").GetProperty("commandExecution").GetProperty("id").GetString()!);
        }

        var commandsDue = Stopwatch.GetTimestamp() + (long)(30 * Stopwatch.Frequency);
        var unansweredBefore = bench.Load.Unanswered;
        var gatewayFailedBefore = await bench.MetricAsync(bench.Gateway, "twins_gateway_messages_failed_total", cancellationToken);
        var killedAt = Stopwatch.GetTimestamp();
        bench.Silos[1].Process.Signal(Posix.SigKill);
        var killedClock = TimeProvider.System.GetUtcNow();
        var failover = await bench.WaitAllAnsweredAsync(killedAt, TimeSpan.FromMinutes(2), cancellationToken);
        bench.PrintDiagnostics($"silo2 killed at {killedClock:HH:mm:ss.fff}, every vehicle answering after {failover.TotalSeconds:0.000} s");
        var unanswered = bench.Load.Unanswered - unansweredBefore;
        var gatewayFailed = await bench.MetricAsync(bench.Gateway, "twins_gateway_messages_failed_total", cancellationToken) - gatewayFailedBefore;
        await bench.Load.StopAsync();
        var lost = await bench.CountLostAsync(bench.Silos[2], cancellationToken);

        // Commands: wait past their deadline (plus reminder slack), then read every execution's status.
        var wait = TimeSpan.FromSeconds(Math.Max(0, (commandsDue - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency) + 10);
        await Task.Delay(wait, cancellationToken);
        var open = 0;
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in executions)
        {
            using var read = await bench.GraphQLAsync(bench.Silos[0], $$"""{ commandExecution(id: "{{id}}") { status } }""", cancellationToken);
            var execution = read.RootElement.GetProperty("data").GetProperty("commandExecution");
            var status = execution.ValueKind == JsonValueKind.Null ? "(missing)" : execution.GetProperty("status").GetString()!;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (!Terminal.Contains(status))
            {
                open++;
            }
        }

        Console.WriteLine($"{vehicles} vehicles over {Math.Max(1, vehicles / 50)} MQTT connections, one shadow update each per {interval.TotalMilliseconds:0} ms (QoS 1, re-published after 2, 4, 8 s unanswered); 3 product silos (DynamoDB on dynalite) + 1 gateway process; default cluster settings (DeathTimeout 10 s, LinkDeathTimeout 3 s)");
        Console.WriteLine($"baseline  no fault: every vehicle answered within {baseline.TotalSeconds,6:0.000} s");
        Console.WriteLine($"measured  kill -9 of silo2: every vehicle answering again after {failover.TotalSeconds,6:0.000} s (ratio {failover / baseline:0.0}x the baseline; target <= 10 s: {(failover <= TimeSpan.FromSeconds(10) ? "met" : "missed")})");
        Console.WriteLine($"          publishes left unanswered in their wait (2, 4, 8 s) during the failover: {unanswered} (published again); messages the gateway gave up: {gatewayFailed:0}");
        Console.WriteLine($"          acknowledged updates lost: {lost} of {vehicles} vehicles (target 0)");
        Console.WriteLine($"          commands left without a terminal status: {open} of {executions.Count} (target 0); statuses: {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}");
        return failover <= TimeSpan.FromSeconds(10) && lost == 0 && open == 0 ? 0 : 1;
    }
}
