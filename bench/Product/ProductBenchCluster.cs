using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Twins.Testing;

namespace Twins.Bench;

/// <summary>
/// The product as real processes for the cluster benchmarks: dynalite, mosquitto (plain loopback listener), N
/// product silos on DynamoDB and one gateway process (Twins:Role=Gateway), with vehicles updating their
/// shadows over MQTT (<see cref="ShadowFleetLoad"/>) and an HTTP client holding the operator API key.
/// </summary>
internal sealed class ProductBenchCluster : IAsyncDisposable
{
    private DynaliteServer? _dynalite;
    private MqttBenchBroker? _broker;

    private ProductBenchCluster()
    {
        Http.Timeout = TimeSpan.FromSeconds(30);
    }

    public ProductCluster Cluster { get; private set; } = null!;

    public List<ProductProcess> Silos { get; } = [];

    public ProductProcess Gateway { get; private set; } = null!;

    public ShadowFleetLoad Load { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public static async Task<ProductBenchCluster> StartAsync(int silos, int vehicles, TimeSpan interval, CancellationToken cancellationToken)
    {
        var bench = new ProductBenchCluster();
        try
        {
            bench._dynalite = await DynaliteServer.StartAsync(cancellationToken);
            bench._broker = await MqttBenchBroker.StartAsync(["max_queued_messages 100000"], cancellationToken);
            bench.Cluster = new ProductCluster(bench._dynalite.ServiceUrl, bench._broker.Port,
                "--Logging:Console:TimestampFormat", "HH:mm:ss.fff ", "--Logging:LogLevel:Orleans.Runtime.MembershipService", "Information");
            bench.Http.DefaultRequestHeaders.Add("X-Api-Key", bench.Cluster.ApiKey);
            var watch = Stopwatch.StartNew();
            bench.Silos.Add(bench.Cluster.StartSilo(1));
            await ProductCluster.WaitReadyAsync(bench.Silos[0], cancellationToken: cancellationToken);
            for (var i = 2; i <= silos; i++)
            {
                bench.Silos.Add(bench.Cluster.StartSilo(i));
            }

            bench.Gateway = bench.Cluster.StartGateway();
            foreach (var process in bench.Silos.Skip(1).Append(bench.Gateway))
            {
                await ProductCluster.WaitReadyAsync(process, cancellationToken: cancellationToken);
            }

            Console.WriteLine($"{silos} product silos + 1 gateway process ready after {watch.Elapsed.TotalSeconds:0.0} s");
            var things = Enumerable.Range(1, vehicles).Select(i => $"BENCH{i:D6}").ToArray();
            bench.Load = await ShadowFleetLoad.ConnectAsync(MqttBenchBroker.Host, bench._broker.Port, things, connections: Math.Max(1, vehicles / 50), cancellationToken);
            bench.Load.Interval = interval;
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every vehicle had an update answered that it published after <paramref name="since"/>; the time from <paramref name="since"/>.</summary>
    public async Task<TimeSpan> WaitAllAnsweredAsync(long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Load.NotAnsweredSince(since).Count > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Load.NotAnsweredSince(since).Count} vehicles still not answering after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(since);
    }

    /// <summary>With TWINS_BENCH_VERBOSE=1: each process's recent membership and failure lines, with wall-clock times.</summary>
    public void PrintDiagnostics(string what)
    {
        if (Environment.GetEnvironmentVariable("TWINS_BENCH_VERBOSE") != "1")
        {
            return;
        }

        Console.WriteLine($"--- {what} (now {TimeProvider.System.GetUtcNow():HH:mm:ss.fff})");
        foreach (var process in Silos.Append(Gateway))
        {
            foreach (var line in process.Process.RecentOutput.Split('\n').Where(l => l.Contains("dead", StringComparison.OrdinalIgnoreCase) || l.Contains("view", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("STOPPING", StringComparison.Ordinal)).TakeLast(12))
            {
                Console.WriteLine($"{process.Name}: {line.Trim()}");
            }
        }
    }

    /// <summary>Vehicles whose shadow (read through GraphQL on <paramref name="silo"/>) lacks their last acknowledged seq.</summary>
    public async Task<int> CountLostAsync(ProductProcess silo, CancellationToken cancellationToken)
    {
        var acknowledged = Load.AcknowledgedSeq();
        var lost = 0;
        foreach (var (thing, seq) in acknowledged)
        {
            using var document = await GraphQLAsync(silo, $$"""{ vehicle(thingName: "{{thing}}") { shadow { reported } } }""", cancellationToken);
            var shown = document.RootElement.GetProperty("data").GetProperty("vehicle").GetProperty("shadow").GetProperty("reported").GetProperty("seq").GetInt64();
            if (shown < seq)
            {
                lost++;
            }
        }

        return lost;
    }

    public async Task<JsonDocument> GraphQLAsync(ProductProcess silo, string query, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(silo.BaseAddress, "/graphql"), new { query }, cancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The sum of <paramref name="metric"/>'s series in the process's Prometheus text (0 when absent); each series carries its otel_scope_name label.</summary>
    public async Task<double> MetricAsync(ProductProcess process, string metric, CancellationToken cancellationToken)
    {
        var text = await Http.GetStringAsync(new Uri(process.BaseAddress, "/metrics"), cancellationToken);
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(metric + " ", StringComparison.Ordinal) || line.StartsWith(metric + "{", StringComparison.Ordinal))
            {
                // name{labels} value [timestamp]: label values may hold spaces, the value follows the closing brace.
                var rest = line.AsSpan(line.LastIndexOf('}') is var close and >= 0 ? close + 2 : metric.Length + 1);
                var end = rest.IndexOf(' ');
                sum += double.Parse(end < 0 ? rest : rest[..end], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    public async ValueTask DisposeAsync()
    {
        if (Load is not null)
        {
            await Load.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_dynalite is not null)
        {
            await _dynalite.DisposeAsync();
        }

        Http.Dispose();
    }
}
