using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Bench.Vehicles;

/// <summary>
/// Shadow update round trip (publish <c>/update</c> → <c>/update/accepted</c> received) through mosquitto, the
/// gateway and the vehicle grains (SQLite state), p50/p99 at half the maximum rate; baseline: the same
/// round trip through mosquitto with an echo client answering in place of Twins, same run.
/// </summary>
internal sealed class ShadowRoundTripBenchmark : IBenchmark
{
    public string Name => "shadow-roundtrip";

    public string Description => "Shadow /update -> /update/accepted round trip p50/p99 at half the maximum rate, vs an echo client through the same broker";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        const int Vehicles = 200;
        await using var broker = await MqttBenchBroker.StartAsync(["max_queued_messages 1000000"], cancellationToken);

        // Baseline: an echo client republishes every /update to /update/accepted.
        Result baseline;
        await using (var echo = new MqttClient())
        {
            await echo.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = broker.Port, ClientId = "bench-echo" }, cancellationToken);
            var consumer = echo.CreateConsumer();
            await echo.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("$aws/things/+/shadow/update", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(consumer).Build(), cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var m in consumer.ReadAllAsync(stop.Token))
                    {
                        _ = echo.PublishAsync(new MqttApplicationMessage { Topic = m.ApplicationMessage.Topic + "/accepted", Payload = m.ApplicationMessage.Payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, CancellationToken.None);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);
            baseline = await MeasureAsync(broker.Port, Vehicles, seconds, "echo", cancellationToken);
            Print("baseline (echo client)", baseline);
            await stop.CancelAsync();
            await pump;
            consumer.Dispose();
        }

        await using var silo = await BenchSilo.StartAsync(broker.Port, workers: 2);
        var twins = await MeasureAsync(broker.Port, Vehicles, seconds, "twins", cancellationToken);
        Print("twins (gateway + grains)", twins);
        Console.WriteLine($"twins p99 at half its maximum rate: {twins.P99:N1} ms (target <= 20 ms); max rate {twins.MaxRate / baseline.MaxRate:N2} x the echo baseline");
        return 0;
    }

    private static void Print(string label, Result r) =>
        Console.WriteLine($"{label,-26} max {r.MaxRate,8:N0} updates/s; at {r.HalfRate:N0}/s: p50 {r.P50:N2} ms  p99 {r.P99:N2} ms  ({r.Count:N0} round trips)");

    private static async Task<Result> MeasureAsync(int port, int vehicles, double seconds, string label, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptions { Host = MqttBenchBroker.Host, Port = port, ClientId = $"bench-shadow-{label}" }, cancellationToken);
        var pending = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var latencies = new ConcurrentQueue<double>();
        long completed = 0;
        var consumer = client.CreateConsumer();
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("$aws/things/+/shadow/update/accepted", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(consumer).Build(), cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var m in consumer.ReadAllAsync(stop.Token))
                {
                    var token = ClientToken(m.ApplicationMessage.Payload.Span);
                    if (token is not null && pending.TryRemove(token, out var started))
                    {
                        latencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Increment(ref completed);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        long sequence = 0;
        async Task SendAsync()
        {
            var n = Interlocked.Increment(ref sequence);
            var token = $"{label}-{n}";
            var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"state":{"reported":{"odometer":{{{n}}}}},"clientToken":"{{{token}}}"}"""));
            pending[token] = Stopwatch.GetTimestamp();
            await client.PublishAsync(new MqttApplicationMessage { Topic = $"$aws/things/bench-{n % vehicles:D4}/shadow/update", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, cancellationToken);
        }

        // Maximum rate: a closed loop keeping 64 updates outstanding.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds / 2)
        {
            while (pending.Count < 64)
            {
                await SendAsync();
            }

            await Task.Yield();
        }

        var maxRate = Interlocked.Read(ref completed) / watch.Elapsed.TotalSeconds;
        await WaitDrainedAsync(pending);
        latencies.Clear();

        // Half the maximum rate, open loop (paced by the clock, not by replies).
        var halfRate = Math.Max(1, maxRate / 2);
        var interval = 1.0 / halfRate;
        var sent = 0;
        watch.Restart();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var due = (int)(watch.Elapsed.TotalSeconds / interval);
            while (sent < due)
            {
                await SendAsync();
                sent++;
            }

            await Task.Delay(1, cancellationToken);
        }

        await WaitDrainedAsync(pending);
        await stop.CancelAsync();
        await reader;
        var sorted = latencies.ToList();
        sorted.Sort();
        return new Result(maxRate, halfRate, sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
    }

    private static async Task WaitDrainedAsync(ConcurrentDictionary<string, long> pending)
    {
        var deadline = Stopwatch.StartNew();
        while (!pending.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }
    }

    private static string? ClientToken(ReadOnlySpan<byte> payload)
    {
        var reader = new System.Text.Json.Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("clientToken"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private sealed record Result(double MaxRate, double HalfRate, int Count, double P50, double P99);
}
