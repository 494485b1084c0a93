using System.Globalization;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Twins.Bench.Vehicles;

namespace Twins.Bench;

/// <summary>
/// What tracing costs on the two hot paths, side by side in one run: vehicle telemetry (publishers → mosquitto →
/// gateway → grains → sink, as <c>vehicle-telemetry</c>) and GraphQL over HTTP under wrk (as <c>graphql</c>), each
/// with tracing off (no listener), on with 1 % parent-based ratio sampling, and on at 100 %, exporting over OTLP/HTTP
/// to a loopback endpoint that discards (so the exporter's batching, serialization and HTTP are paid). The modes
/// alternate within each round (a fresh silo or server per mode, so no listener outlives its mode) and the medians
/// over rounds are compared, because the shared machine's load swings.
/// </summary>
internal sealed class TracingOverheadBenchmark : IBenchmark
{
    private const int Vehicles = 500;
    private const int Workers = 2;

    private static readonly (string Name, double? Ratio)[] Modes = [("off", null), ("1 %", 0.01), ("100 %", 1.0)];

    public string Name => "tracing-overhead";

    public string Description => "Tracing off / 1 % / 100 % (OTLP to a discarding loopback endpoint) on vehicle-telemetry and graphql, alternating rounds, medians and ratios to off (args: [telemetry messages] [graphql seconds] [rounds] [telemetry|graphql|both])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var messages = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var seconds = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var which = args.Count > 3 ? args[3] : "both";
        await using var collector = await OtlpNullCollector.StartAsync(cancellationToken);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {rounds} rounds, modes {string.Join(", ", Modes.Select(m => m.Name))} alternating; OTLP/HTTP to {collector.TracesEndpoint}");
        if (which is "both" or "telemetry")
        {
            await TelemetryAsync(collector, messages, rounds, cancellationToken);
        }

        if (which is "both" or "graphql")
        {
            await GraphQLAsync(collector, seconds, rounds, cancellationToken);
        }

        return 0;
    }

    private static Action<TracerProviderBuilder>? Tracing(OtlpNullCollector collector, double? ratio) => ratio is not { } r ? null : tracing => tracing
        .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(r)))
        .AddOtlpExporter(o =>
        {
            o.Endpoint = collector.TracesEndpoint;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
        });

    private static async Task TelemetryAsync(OtlpNullCollector collector, int messages, int rounds, CancellationToken cancellationToken)
    {
        await using var broker = await MqttBenchBroker.StartAsync(["max_queued_messages 1000000", "max_inflight_messages 0"], cancellationToken);
        Console.WriteLine($"vehicle-telemetry: {messages:N0} QoS 1 messages per mode and round for {Vehicles} vehicles, gateway with {Workers} workers, a fresh silo per mode");

        // The JIT's tiers are per process: one long warm-up for all modes.
        await using (var warm = await BenchSilo.StartAsync(broker.Port, Workers))
        {
            await TelemetryIngestionBenchmark.PublishAndWaitAsync(broker.Port, "twins", messages, Vehicles, 0, () => warm.Sink.Committed >= messages, cancellationToken, warm.Progress);
        }

        var results = Modes.ToDictionary(m => m.Name, _ => new List<TelemetryIngestionBenchmark.RoundResult>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, ratio) in Modes)
            {
                var exportedBefore = collector.Bytes;
                var silo = await BenchSilo.StartAsync(broker.Port, Workers, tracing: Tracing(collector, ratio));
                TelemetryIngestionBenchmark.RoundResult result;
                try
                {
                    // Activate every vehicle first, so the measured messages find their grains.
                    await TelemetryIngestionBenchmark.PublishAndWaitAsync(broker.Port, "twins", Vehicles * 2, Vehicles, 0, () => silo.Sink.Committed >= Vehicles * 2, cancellationToken, silo.Progress);
                    result = await TelemetryIngestionBenchmark.MeasureAsync(
                        () => TelemetryIngestionBenchmark.PublishAndWaitAsync(broker.Port, "twins", messages, Vehicles, Vehicles * 2, () => silo.Sink.Committed >= (Vehicles * 2) + messages, cancellationToken, silo.Progress),
                        messages);
                }
                finally
                {
                    // Stopping flushes the exporter's last batch.
                    await silo.DisposeAsync();
                }

                results[name].Add(result);
                Console.WriteLine($"  round {round} tracing {name,-5}: {result}; exported {(collector.Bytes - exportedBefore) / 1024.0:N0} KiB of spans");
            }
        }

        Console.WriteLine("vehicle-telemetry, medians over rounds:");
        var off = results["off"];
        foreach (var (name, _) in Modes)
        {
            var r = results[name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  tracing {name,-5}: {Median(r, x => x.Rate),8:N0} msg/s ({Median(r, x => x.Rate) / Median(off, x => x.Rate):N3} x off), {Median(r, x => x.CpuUs),6:N1} us CPU/msg ({Median(r, x => x.CpuUs) / Median(off, x => x.CpuUs):N3} x off), {Median(r, x => x.AllocatedBytes),6:N0} B/msg"));
        }
    }

    private static async Task GraphQLAsync(OtlpNullCollector collector, int seconds, int rounds, CancellationToken cancellationToken)
    {
        const int Connections = 32;
        var script = Path.Combine(Path.GetTempPath(), $"twins-tracing-bench-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, $$"""
            wrk.method = "POST"
            wrk.body = [[{{GraphQLBenchmark.Body}}]]
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/graphql-response+json"
            """, cancellationToken);
        try
        {
            Console.WriteLine($"graphql: wrk -t2 -c{Connections} -d{seconds}s per mode and round, a fresh server per mode");
            await using (var warm = await GraphQLBenchmark.StartTwinsAsync(cancellationToken))
            {
                await GraphQLBenchmark.WrkAsync(warm.Url, script, 3, Connections, cancellationToken);
            }

            var results = Modes.ToDictionary(m => m.Name, _ => new List<double>());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, ratio) in Modes)
                {
                    await using var server = await GraphQLBenchmark.StartTwinsAsync(cancellationToken, Tracing(collector, ratio));
                    await GraphQLBenchmark.WrkAsync(server.Url, script, 1, Connections, cancellationToken);
                    var result = await GraphQLBenchmark.WrkAsync(server.Url, script, seconds, Connections, cancellationToken);
                    results[name].Add(result.RequestsPerSecond);
                    Console.WriteLine($"  round {round} tracing {name,-5}: {result.RequestsPerSecond,8:N0} req/s p99 {result.P99}");
                }
            }

            Console.WriteLine("graphql, medians over rounds:");
            foreach (var (name, _) in Modes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  tracing {name,-5}: {Median(results[name], x => x),8:N0} req/s ({Median(results[name], x => x) / Median(results["off"], x => x):N3} x off)"));
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double Median<T>(List<T> values, Func<T, double> value)
    {
        var sorted = values.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
