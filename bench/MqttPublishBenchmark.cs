using System.Diagnostics;
using System.Globalization;
using System.Text;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Bench;

/// <summary>
/// QoS 1 publish throughput from one connection to a local mosquitto (started here), next to
/// mosquitto's own C client (<c>mosquitto_pub -l</c>, reading the same lines from stdin) in the same
/// run. Both are limited by the broker's Receive Maximum (20 in flight), so this measures how well
/// each keeps that window full.
/// </summary>
internal sealed class MqttPublishBenchmark : IBenchmark
{
    // mosquitto_pub -l stops early once its message ids wrap past 65,535 (it compares the last id
    // sent with the last id acknowledged), so a run stays below that to keep the baseline honest.
    private const int DefaultCount = 50_000;
    private const int MaximumCount = 65_000;
    private const int Rounds = 3;

    public string Name => "mqtt-publish";

    public string Description => "MQTT: QoS 1 publishes/s from one connection vs mosquitto_pub -l in the same run (args: [count])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultCount;
        if (count is < 1 or > MaximumCount)
        {
            await Console.Error.WriteLineAsync($"count must be 1..{MaximumCount}: mosquitto_pub -l exits early once its message ids wrap.");
            return 2;
        }

        await using var broker = await MqttBenchBroker.StartAsync([], cancellationToken);
        var lines = Enumerable.Range(0, count)
            .Select(i => $"{{\"timestamp\":1767225600000,\"seq\":{i},\"signals\":{{\"speed\":{i % 180},\"soc\":{i % 100}}}}}")
            .ToArray();
        var payloads = lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l)).ToArray();
        Console.WriteLine($"mqtt-publish: {count} QoS 1 messages of ~{payloads[0].Length} bytes per run, {Rounds} alternating rounds, mosquitto on port {broker.Port}");

        // Warm up (JIT, connection paths) outside the measurement.
        await MeasureTwinsAsync(broker, payloads.Take(Math.Min(5000, count)).ToArray(), cancellationToken);

        var twins = new List<double>();
        var baseline = new List<double>();
        var twinsCpu = TimeSpan.Zero;
        long twinsAllocated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var b = await MeasureMosquittoPubAsync(broker, lines, cancellationToken);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var t = await MeasureTwinsAsync(broker, payloads, cancellationToken);
            twinsAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            twinsCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            baseline.Add(count / b.TotalSeconds);
            twins.Add(count / t.TotalSeconds);
            Console.WriteLine($"  round {round + 1}: Twins.Mqtt {count / t.TotalSeconds,10:N0} msg/s   mosquitto_pub -l {count / b.TotalSeconds,10:N0} msg/s");
        }

        var twinsRate = twins.Max();
        var baselineRate = baseline.Max();
        var ratio = twinsRate / baselineRate;
        Console.WriteLine($"Twins.Mqtt (best of {Rounds}):      {twinsRate:N0} msg/s");
        Console.WriteLine($"mosquitto_pub -l (best of {Rounds}): {baselineRate:N0} msg/s");
        Console.WriteLine($"Twins.Mqtt process CPU per message: {twinsCpu.TotalMicroseconds / (count * Rounds):0.0} us, allocated {twinsAllocated / (count * Rounds):N0} B per message (incl. the benchmark's own message objects)");
        Console.WriteLine($"ratio: {ratio:0.00}x (target >= 1.00x) {(ratio >= 1.0 ? "MET" : "MISSED")}");
        return 0;
    }

    private static async Task<TimeSpan> MeasureTwinsAsync(MqttBenchBroker broker, ReadOnlyMemory<byte>[] payloads, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MqttBenchBroker.Host, broker.Port)
            .WithClientId("bench-twins-" + Guid.NewGuid().ToString("N")[..8]).WithoutReconnect().Build(), cancellationToken);
        const int Window = 2000;
        var pending = new Queue<Task<MqttClientPublishResult>>(Window);
        var stopwatch = Stopwatch.StartNew();
        foreach (var payload in payloads)
        {
            if (pending.Count == Window)
            {
                EnsureSuccess(await pending.Dequeue());
            }

            pending.Enqueue(client.PublishAsync(new MqttApplicationMessage
            {
                Topic = "bench/telemetry",
                Payload = payload,
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            }, cancellationToken));
        }

        while (pending.Count > 0)
        {
            EnsureSuccess(await pending.Dequeue());
        }

        var elapsed = stopwatch.Elapsed;
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return elapsed;
    }

    private static void EnsureSuccess(MqttClientPublishResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"A publish failed: {result.ReasonCode}.");
        }
    }

    private static async Task<TimeSpan> MeasureMosquittoPubAsync(MqttBenchBroker broker, string[] lines, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(MqttBenchBroker.FindTool("mosquitto_pub"),
            ["-V", "mqttv5", "-h", MqttBenchBroker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", "bench/telemetry", "-l",
             "-i", "bench-c-" + Guid.NewGuid().ToString("N")[..8]])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var input = string.Join('\n', lines) + "\n";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_pub did not start.");
        var writing = Task.Run(async () =>
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = stopwatch.Elapsed;
        await writing;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub exited with {process.ExitCode}: {await errors}");
        }

        return elapsed;
    }
}
