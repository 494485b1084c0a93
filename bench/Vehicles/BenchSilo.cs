using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.TelemetrySink;
using Twins.Silo.Hosting;

namespace Twins.Bench.Vehicles;

/// <summary>A real silo (SQLite store and sink in a temp folder, the gateway inside) against a benchmark broker.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly string _data;

    private BenchSilo(WebApplication app, string data, LatencyRecordingSink sink)
    {
        App = app;
        _data = data;
        Sink = sink;
    }

    public WebApplication App { get; }

    public LatencyRecordingSink Sink { get; }

    public string Progress()
    {
        var c = App.Services.GetRequiredService<Twins.Gateway.GatewayCounters>();
        return $"gateway received {c.Received}, handled {c.Handled}, duplicates {c.Duplicates}, failed {c.Failed}, rejected {c.RejectedTotal} ({string.Join(", ", c.Rejected.Select(r => $"{r.Key}={r.Value}"))}); sink committed {Sink.Committed}";
    }

    /// <param name="brokerPort">The benchmark broker's port.</param>
    /// <param name="workers">Gateway workers.</param>
    /// <param name="sinkShards">SQLite sink shards.</param>
    /// <param name="tracing">Traces the silo's sources to this exporter set-up (as OTEL_EXPORTER_OTLP_ENDPOINT would), or <c>null</c>: tracing off.</param>
    public static async Task<BenchSilo> StartAsync(int brokerPort, int workers, int sinkShards = SqliteTelemetrySinkOptions.DefaultShards, Action<OpenTelemetry.Trace.TracerProviderBuilder>? tracing = null)
    {
        var data = Directory.CreateTempSubdirectory("twins-bench-silo-").FullName;
        LatencyRecordingSink? sink = null;
        var app = SiloApplication.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Twins:DataDirectory", data,
                "--Gateway:Port", brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Gateway:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Gateway:ClientIdPrefix", "bench-gw",
                "--Twins:Tracing:Enabled", tracing is null ? "false" : "true",
            ],
            services =>
            {
                services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                if (tracing is not null)
                {
                    Twins.Silo.Observability.ObservabilityEndpoints.AddSiloTracing(services, tracing);
                }

                services.AddSingleton<ITelemetrySink>(sp =>
                {
                    sink = new LatencyRecordingSink(new SqliteTelemetrySink(new SqliteTelemetrySinkOptions { DataSource = Path.Combine(data, "telemetry.db"), Shards = sinkShards }, sp.GetRequiredService<ILogger<SqliteTelemetrySink>>()));
                    return sink;
                });
            });
        await app.StartAsync();
        _ = app.Services.GetRequiredService<ITelemetrySink>();
        // The gateway connects in the background; measure once it is subscribed.
        await app.Services.GetRequiredService<Twins.Gateway.GatewayService>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        return new BenchSilo(app, data, sink!);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
