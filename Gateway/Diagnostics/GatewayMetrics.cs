using System.Diagnostics;
using System.Diagnostics.Metrics;
using Twins.Grains.Routing;

namespace Twins.Gateway.Diagnostics;

/// <summary>
/// The gateway's recorded instruments on meter <c>Twins.Gateway</c>: <c>messaging.process.duration</c> (the
/// OpenTelemetry messaging convention) from taking a message out of its lane to its acknowledgement, by
/// destination template, so a dashboard can tell shadow, telemetry and command latency apart. The counters of
/// <see cref="GatewayCounters"/> are observed by the host.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Twins.Gateway";

    private readonly Histogram<double> _processDuration;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _processDuration = meter.CreateHistogram(
            "messaging.process.duration",
            "s",
            "Time from taking a message out of its lane to its acknowledgement (grain call, retries and replies queued).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public void RecordProcessed(TopicRoute route, TimeSpan elapsed, string? errorType)
    {
        if (!_processDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "messaging.system", GatewayDiagnostics.MessagingSystem },
            { "messaging.operation.name", "process" },
            { "messaging.destination.template", GatewayDiagnostics.DestinationTemplate(route) },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _processDuration.Record(elapsed.TotalSeconds, tags);
    }
}
