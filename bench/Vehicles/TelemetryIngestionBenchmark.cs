using System.Diagnostics;
using System.Globalization;
using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Bench.Vehicles;

/// <summary>
/// Telemetry end to end: publishers → mosquitto → gateway workers → vehicle grains (last values written)
/// → SQLite sink, against the same publishers feeding a subscriber that does nothing, in the same run.
/// </summary>
internal sealed class TelemetryIngestionBenchmark : IBenchmark
{
    public string Name => "vehicle-telemetry";

    public string Description => "Telemetry publishers -> mosquitto -> gateway -> grains -> last values + SQLite sink, vs the same publishers -> a do-nothing subscriber";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var messages = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var vehicles = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var workers = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        // Vehicles divisible by the publishers: each vehicle is fed by one connection, so its seq arrives in order.
        const int Publishers = 4;
        await using var broker = await MqttBenchBroker.StartAsync(["max_queued_messages 1000000", "max_inflight_messages 0"], cancellationToken);
        Console.WriteLine($"{messages:N0} QoS 1 telemetry messages from {Publishers} connections for {vehicles} vehicles; gateway with {workers} workers");

        // Baseline: the same publishers, a subscriber that only counts.
        var baseline = await RunBaselineAsync(broker.Port, messages, vehicles, Publishers, cancellationToken);
        Console.WriteLine($"baseline (do-nothing subscriber): {baseline.Rate,10:N0} msg/s  {baseline.CpuUsPerMessage:N1} us CPU/msg (publishers + subscriber)");

        await using var silo = await BenchSilo.StartAsync(broker.Port, workers);
        var warmup = Math.Min(2000, messages / 5);
        await PublishAndWaitAsync(broker.Port, warmup, vehicles, Publishers, seqBase: 0, () => silo.Sink.Committed >= warmup, cancellationToken, silo.Progress);
        silo.Sink.TakeLatencies();
        var committedBefore = silo.Sink.Committed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await PublishAndWaitAsync(broker.Port, messages, vehicles, Publishers, seqBase: warmup, () => silo.Sink.Committed >= committedBefore + messages, cancellationToken, silo.Progress);
        var elapsed = watch.Elapsed;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages;
        var latencies = silo.Sink.TakeLatencies();
        latencies.Sort();
        var rate = messages / elapsed.TotalSeconds;
        Console.WriteLine($"twins (gateway + grains + sink):  {rate,10:N0} msg/s  {cpuUs:N1} us CPU/msg (publishers + gateway + grains + stores)");
        Console.WriteLine($"publish -> persisted: p50 {Percentile(latencies, 0.50):N1} ms  p99 {Percentile(latencies, 0.99):N1} ms  ({latencies.Count:N0} samples)");
        Console.WriteLine($"ratio: {rate / baseline.Rate:N2} x baseline (target >= 0.8)");
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task<(double Rate, double CpuUsPerMessage)> RunBaselineAsync(int port, int messages, int vehicles, int publishers, CancellationToken cancellationToken)
    {
        await using var subscriber = new MqttClient();
        await subscriber.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = port, ClientId = "bench-null-subscriber", ReceiveMaximum = 256 }, cancellationToken);
        long received = 0;
        var consumer = subscriber.CreateConsumer(new MqttMessageConsumerOptions { AutoAcknowledge = true });
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithSharedTopicFilter("bench", "twins/vehicles/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(consumer).Build(), cancellationToken);
        var drain = Task.Run(async () =>
        {
            await foreach (var _ in consumer.ReadAllAsync(cancellationToken))
            {
                Interlocked.Increment(ref received);
            }
        }, cancellationToken);
        var warmup = Math.Min(2000, messages / 5);
        await PublishAndWaitAsync(port, warmup, vehicles, publishers, 0, () => Interlocked.Read(ref received) >= warmup, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await PublishAndWaitAsync(port, messages, vehicles, publishers, warmup, () => Interlocked.Read(ref received) >= warmup + messages, cancellationToken);
        var elapsed = watch.Elapsed;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages;
        consumer.Dispose();
        await subscriber.DisconnectAsync(cancellationToken: cancellationToken);
        return (messages / elapsed.TotalSeconds, cpuUs);
    }

    /// <summary>Each publisher owns a slice of the vehicles and sends their samples with increasing seq, QoS 1, up to 64 in flight.</summary>
    private static async Task PublishAndWaitAsync(int port, int messages, int vehicles, int publishers, int seqBase, Func<bool> done, CancellationToken cancellationToken, Func<string>? progress = null)
    {
        var tasks = Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            await using var client = new MqttClient();
            await client.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = port, ClientId = $"bench-pub-{p}-{seqBase}" }, cancellationToken);
            var inflight = new List<Task>(64);
            for (var i = p; i < messages; i += publishers)
            {
                var vehicle = i % vehicles;
                var seq = seqBase + i + 1;
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"timestamp":{{{1767225600000L + seq}}},"seq":{{{seq}}},"signals":{"speed":{{{i % 130}}},"soc":{{{i % 100}}},"t0":{{{Stopwatch.GetTimestamp()}}}}}"""));
                inflight.Add(client.PublishAsync(new MqttApplicationMessage { Topic = $"twins/vehicles/bench-{vehicle:D5}/telemetry", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, cancellationToken));
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
}
