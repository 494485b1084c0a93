using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Twins.Silo.Observability;

namespace Twins.Silo.Tests.Observability;

/// <summary>The exposition format a Prometheus server parses: names, types, labels, histogram buckets.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public void Scrape_CounterHistogramAndGauge_WritesPrometheusTextFormat()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusExporter(factory, ["Twins.Test"]);
        var meter = factory.Create("Twins.Test");
        var calls = meter.CreateCounter<long>("twins.test.calls", "{call}", "Calls \\ sent\nsomewhere.");
        var duration = meter.CreateHistogram<double>("twins.test.duration", "s", "Duration.");
        meter.CreateObservableGauge("twins.test.live", () => 7, "{activation}", "Live.");
        var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        other.GetRequiredService<IMeterFactory>().Create("Twins.Test").CreateCounter<long>("twins.test.elsewhere").Add(1);

        calls.Add(2, new KeyValuePair<string, object?>("reason", "a \"quoted\" one"));
        calls.Add(3, new KeyValuePair<string, object?>("reason", "a \"quoted\" one"));
        calls.Add(1);
        duration.Record(0.003);
        duration.Record(0.2);
        duration.Record(30);

        var text = exporter.Scrape();

        Assert.Contains("# HELP twins_test_calls_total Calls \\\\ sent\\nsomewhere.\n# TYPE twins_test_calls_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_calls_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_calls_total{reason=\"a \\\"quoted\\\" one\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE twins_test_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_bucket{le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_sum 30.203\n", text, StringComparison.Ordinal);
        Assert.Contains("twins_test_duration_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE twins_test_live gauge\ntwins_test_live 7\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", text, StringComparison.Ordinal);
        other.Dispose();
    }
}
