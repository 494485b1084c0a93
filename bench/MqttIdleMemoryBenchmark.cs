using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Twins.Mqtt.Client;

namespace Twins.Bench;

/// <summary>
/// Memory per idle connected client with 10,000 MQTT connections in this process (mosquitto runs as a
/// separate process started here). The baseline, measured in the same run, is 10,000 bare connected
/// TCP sockets to the same broker port: the part of the cost no MQTT client can avoid.
/// </summary>
internal sealed class MqttIdleMemoryBenchmark : IBenchmark
{
    private const int DefaultConnections = 10_000;
    private const double TargetBytes = 32 * 1024;

    public string Name => "mqtt-idle-memory";

    public string Description => "MQTT: bytes per idle connected client with 10,000 connections vs bare TCP sockets (args: [connections])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var connections = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultConnections;
        await using var broker = await MqttBenchBroker.StartAsync(["max_connections -1", "max_keepalive 65535"], cancellationToken);
        Console.WriteLine($"mqtt-idle-memory: {connections} connections to mosquitto (pid {broker.ProcessId}) on port {broker.Port}");

        var (baselineManaged, baselineRss) = await MeasureAsync(connections, async i =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(MqttBenchBroker.Host, broker.Port, cancellationToken);
            return socket;
        }, items =>
        {
            foreach (var socket in items)
            {
                socket.Dispose();
            }

            return Task.CompletedTask;
        });
        Console.WriteLine($"bare TCP socket:  {baselineManaged,8:N0} B managed, {baselineRss,8:N0} B RSS per connection");

        var stopwatch = Stopwatch.StartNew();
        var (managed, rss) = await MeasureAsync(connections, async i =>
        {
            var client = new MqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(MqttBenchBroker.Host, broker.Port)
                .WithClientId("idle-" + i.ToString(CultureInfo.InvariantCulture))
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(600))
                .Build(), cancellationToken);
            return client;
        }, async items =>
        {
            Console.WriteLine($"  connected {items.Count(c => c.IsConnected)} of {items.Count} clients in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            foreach (var client in items)
            {
                await client.DisposeAsync();
            }
        });
        Console.WriteLine($"Twins.Mqtt client: {managed,8:N0} B managed, {rss,8:N0} B RSS per connection");
        Console.WriteLine($"ratio (RSS, Twins / bare socket): {(double)rss / Math.Max(1, baselineRss):0.00}x; target <= {TargetBytes:N0} B per client: {(rss <= TargetBytes ? "MET" : "MISSED")}");
        return 0;
    }

    private static async Task<(long Managed, long Rss)> MeasureAsync<T>(int count, Func<int, Task<T>> open, Func<List<T>, Task> close)
    {
        var (managedBefore, rssBefore) = Snapshot();
        var items = new List<T>(count);
        const int Parallel = 64;
        for (var start = 0; start < count; start += Parallel)
        {
            var batch = await Task.WhenAll(Enumerable.Range(start, Math.Min(Parallel, count - start)).Select(open));
            items.AddRange(batch);
        }

        var (managedAfter, rssAfter) = Snapshot();
        await close(items);
        return ((managedAfter - managedBefore) / count, (rssAfter - rssBefore) / count);
    }

    private static (long Managed, long Rss) Snapshot()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
