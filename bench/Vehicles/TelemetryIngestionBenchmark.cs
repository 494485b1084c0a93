using System.Diagnostics;
using System.Globalization;
using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Bench.Vehicles;

/// <summary>
/// Telemetry end to end: publishers → mosquitto → gateway workers → vehicle grains (last values) → SQLite sink,
/// against the same publishers feeding a subscriber that does nothing, in the same run. The two alternate in rounds
/// (the shared machine's load swings hit both alike); the baseline publishes to a topic of the same length that the
/// gateway does not subscribe to, so the gateway idles during baseline rounds.
/// </summary>
internal sealed class TelemetryIngestionBenchmark : IBenchmark
{
    private const int Publishers = 4;
    private const int Rounds = 3;

    public string Name => "vehicle-telemetry";

    public string Description => "Telemetry publishers -> mosquitto -> gateway -> grains -> last values + SQLite sink, vs the same publishers -> a do-nothing subscriber (alternating rounds)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var messages = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var vehicles = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var workers = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var shards = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Grains.TelemetrySink.SqliteTelemetrySinkOptions.DefaultShards;
        // Vehicles divisible by the publishers: each vehicle is fed by one connection, so its seq arrives in order.
        await using var broker = await MqttBenchBroker.StartAsync(["max_queued_messages 1000000", "max_inflight_messages 0"], cancellationToken);
        Console.WriteLine($"{messages:N0} QoS 1 telemetry messages per round from {Publishers} connections for {vehicles} vehicles; gateway with {workers} workers; sink with {shards} shards; {Rounds} alternating rounds");

        await using var silo = await BenchSilo.StartAsync(broker.Port, workers, shards);
        await using var subscriber = new MqttClient();
        await subscriber.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = broker.Port, ClientId = "bench-null-subscriber", ReceiveMaximum = 256 }, cancellationToken);
        long received = 0;
        using var consumer = subscriber.CreateConsumer(new MqttMessageConsumerOptions { AutoAcknowledge = true });
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithSharedTopicFilter("bench", "nulls/vehicles/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(consumer).Build(), cancellationToken);
        var drain = Task.Run(async () =>
        {
            await foreach (var _ in consumer.ReadAllAsync(cancellationToken))
            {
                Interlocked.Increment(ref received);
            }
        }, cancellationToken);

        // Warm-up: both paths with as many messages as a round, every vehicle activated and the hot code past tiered
        // compilation (with 2,000 the JIT still took a fifth of the process's CPU in the first measured rounds).
        var warmup = Math.Max(vehicles, messages);
        await PublishAndWaitAsync(broker.Port, "nulls", warmup, vehicles, 0, () => Interlocked.Read(ref received) >= warmup, cancellationToken);
        await PublishAndWaitAsync(broker.Port, "twins", warmup, vehicles, 0, () => silo.Sink.Committed >= warmup, cancellationToken, silo.Progress);
        silo.Sink.TakeLatencies();

        var baselines = new List<RoundResult>();
        var twins = new List<RoundResult>();
        var latencies = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var seqBase = warmup + (round * messages);
            var receivedBefore = Interlocked.Read(ref received);
            baselines.Add(await MeasureAsync(() => PublishAndWaitAsync(broker.Port, "nulls", messages, vehicles, seqBase, () => Interlocked.Read(ref received) >= receivedBefore + messages, cancellationToken), messages));
            var committedBefore = silo.Sink.Committed;
            twins.Add(await MeasureAsync(() => PublishAndWaitAsync(broker.Port, "twins", messages, vehicles, seqBase, () => silo.Sink.Committed >= committedBefore + messages, cancellationToken, silo.Progress), messages));
            var roundLatencies = silo.Sink.TakeLatencies();
            roundLatencies.Sort();
            latencies.AddRange(roundLatencies);
            Console.WriteLine($"round {round + 1}: baseline {baselines[^1]}  |  twins {twins[^1]}, p50 {Percentile(roundLatencies, 0.50):N1} ms p99 {Percentile(roundLatencies, 0.99):N1} ms  |  ratio {twins[^1].Rate / baselines[^1].Rate:N2}");
        }

        consumer.Dispose();
        await subscriber.DisconnectAsync(cancellationToken: cancellationToken);
        latencies.Sort();
        var bestBaseline = baselines.MaxBy(r => r.Rate)!;
        var bestTwins = twins.MaxBy(r => r.Rate)!;
        Console.WriteLine($"baseline (do-nothing subscriber), best of {Rounds}: {bestBaseline.Rate,8:N0} msg/s; CPU {Range(baselines, r => r.CpuUs)} us/msg (publishers + subscriber)");
        Console.WriteLine($"twins (gateway + grains + sink), best of {Rounds}:  {bestTwins.Rate,8:N0} msg/s; CPU {Range(twins, r => r.CpuUs)} us/msg, allocated {Range(twins, r => r.AllocatedBytes)} B/msg, {Range(twins, r => r.WorkItems)} thread-pool work items/msg (publishers + gateway + grains + stores)");
        Console.WriteLine($"publish -> persisted: p50 {Percentile(latencies, 0.50):N1} ms  p99 {Percentile(latencies, 0.99):N1} ms  ({latencies.Count:N0} samples; publishers flood, so this is mostly queueing)");
        Console.WriteLine($"ratio: {bestTwins.Rate / bestBaseline.Rate:N2} x baseline (best of each); per round {string.Join(" / ", twins.Zip(baselines, (t, b) => (t.Rate / b.Rate).ToString("N2", CultureInfo.InvariantCulture)))} (target >= 0.8)");
        return 0;
    }

    private static string Range(List<RoundResult> rounds, Func<RoundResult, double> value) =>
        string.Create(CultureInfo.InvariantCulture, $"{rounds.Min(value):N1}-{rounds.Max(value):N1}");

    internal static async Task<RoundResult> MeasureAsync(Func<Task> run, int messages)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var workItems = ThreadPool.CompletedWorkItemCount;
        var watch = Stopwatch.StartNew();
        await run();
        var elapsed = watch.Elapsed;
        return new RoundResult(
            messages / elapsed.TotalSeconds,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / messages,
            (double)(ThreadPool.CompletedWorkItemCount - workItems) / messages);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>Each publisher owns a slice of the vehicles and sends their samples with increasing seq, QoS 1, up to 64 in flight.</summary>
    internal static async Task PublishAndWaitAsync(int port, string prefix, int messages, int vehicles, int seqBase, Func<bool> done, CancellationToken cancellationToken, Func<string>? progress = null)
    {
        var tasks = Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            await using var client = new MqttClient();
            await client.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = port, ClientId = $"bench-pub-{prefix}-{p}-{seqBase}" }, cancellationToken);
            var inflight = new List<Task>(64);
            for (var i = p; i < messages; i += Publishers)
            {
                var vehicle = i % vehicles;
                var seq = seqBase + i + 1;
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"timestamp":{{{1767225600000L + seq}}},"seq":{{{seq}}},"signals":{"speed":{{{i % 130}}},"soc":{{{i % 100}}},"t0":{{{Stopwatch.GetTimestamp()}}}}}"""));
                inflight.Add(client.PublishAsync(new MqttApplicationMessage { Topic = $"{prefix}/vehicles/bench-{vehicle:D5}/telemetry", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, cancellationToken));
                if (inflight.Count == 64)
                {
                    await Task.WhenAll(inflight);
                    inflight.Clear();
                }
            }

            await Task.WhenAll(inflight);
            await client.DisconnectAsync(cancellationToken: cancellationToken);
        }, cancellationToken)).ToArray();
        await Task.WhenAll(tasks);
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("The messages were not all handled within 3 minutes. " + progress?.Invoke());
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>One round of one path.</summary>
    /// <param name="Rate">Messages per second.</param>
    /// <param name="CpuUs">CPU of the whole process per message, in microseconds.</param>
    /// <param name="AllocatedBytes">Bytes allocated per message.</param>
    /// <param name="WorkItems">Thread-pool work items per message (each a hand-off between threads; the publishers' included).</param>
    internal sealed record RoundResult(double Rate, double CpuUs, double AllocatedBytes, double WorkItems)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rate:N0} msg/s {CpuUs:N1} us CPU/msg {AllocatedBytes:N0} B/msg {WorkItems:N1} work items/msg");
    }
}
