using System.Diagnostics.Metrics;
using Twins.Gateway;

namespace Twins.Silo.Observability;

/// <summary>
/// The silo's own instruments: meter <c>Twins.Silo</c> (cluster members as this silo sees them) and meter
/// <c>Twins.Gateway</c> (the gateway's counters and broker connections), all observed at scrape time. Counters
/// with an OpenTelemetry messaging convention carry its name and attributes (<c>messaging.client.consumed.messages</c>,
/// <c>messaging.client.sent.messages</c>); the rest are the gateway's own outcomes.
/// </summary>
internal sealed class SiloMetrics
{
    public const string SiloMeterName = "Twins.Silo";
    public const string GatewayMeterName = Gateway.Diagnostics.GatewayMetrics.MeterName;

    private readonly IServiceProvider _services;

    public SiloMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        _services = services;
        var silo = meterFactory.Create(SiloMeterName);
        silo.CreateObservableGauge("twins.cluster.silos", ObserveSilos, "{silo}", "Cluster members by address and status, as this silo sees them (local=\"true\" for this one).");

        // The messaging conventions' client counters where one exists; the gateway's own outcomes keep their names.
        var gateway = meterFactory.Create(GatewayMeterName);
        gateway.CreateObservableCounter("messaging.client.consumed.messages", ObserveConsumed, "{message}", "Messages taken from the broker.");
        gateway.CreateObservableCounter("messaging.client.sent.messages", ObserveSent, "{message}", "Messages published for the grains (error.type: the broker refused them or they could not be sent).");
        gateway.CreateObservableCounter("twins.gateway.messages.handled", () => Counters?.Handled ?? 0, "{message}", "Messages handled and acknowledged.");
        gateway.CreateObservableCounter("twins.gateway.messages.duplicates", () => Counters?.Duplicates ?? 0, "{message}", "Redeliveries recognised.");
        gateway.CreateObservableCounter("twins.gateway.calls.retried", () => Counters?.Retried ?? 0, "{call}", "Grain calls tried again after a failure (a failover shows here).");
        gateway.CreateObservableCounter("twins.gateway.messages.failed", () => Counters?.Failed ?? 0, "{message}", "Messages given up after every attempt failed.");
        gateway.CreateObservableCounter("twins.gateway.messages.rejected", ObserveRejected, "{message}", "Bad input by reason.");
        gateway.CreateObservableGauge("twins.gateway.connections", ObserveConnections, "{connection}", "Broker connections of the gateway's publisher and workers, by connected state.");
    }

    private IEnumerable<Measurement<long>> ObserveConsumed()
    {
        if (Counters is { } counters)
        {
            yield return new Measurement<long>(counters.Received, new("messaging.system", "mqtt"), new("messaging.operation.name", "receive"));
        }
    }

    private IEnumerable<Measurement<long>> ObserveSent()
    {
        if (Counters is { } counters)
        {
            yield return new Measurement<long>(counters.Published, new("messaging.system", "mqtt"), new("messaging.operation.name", "publish"));
            yield return new Measurement<long>(counters.PublishFailed, new("messaging.system", "mqtt"), new("messaging.operation.name", "publish"), new("error.type", "publish_failed"));
        }
    }

    private GatewayCounters? Counters => _services.GetService<GatewayCounters>();

    private IEnumerable<Measurement<int>> ObserveSilos()
    {
        if (_services.GetService<ILocalSiloDetails>() is not { } local)
        {
            // A gateway process: the silos' own /metrics report the cluster.
            yield break;
        }

        foreach (var member in _services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values)
        {
            yield return new Measurement<int>(1, new("silo", member.SiloAddress.ToParsableString()), new("status", member.Status.ToString()), new("local", member.SiloAddress.Equals(local.SiloAddress) ? "true" : "false"));
        }
    }

    private IEnumerable<Measurement<long>> ObserveRejected() =>
        Counters?.Rejected.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("reason", r.Key))) ?? [];

    private IEnumerable<Measurement<int>> ObserveConnections()
    {
        if (_services.GetService<GatewayService>() is not { } gateway)
        {
            yield break;
        }

        var connected = gateway.Workers.Count(w => w.IsConnected) + (_services.GetRequiredService<GatewayPublisher>().IsConnected ? 1 : 0);
        var total = gateway.Workers.Count + 1;
        yield return new Measurement<int>(connected, new KeyValuePair<string, object?>("state", "connected"));
        yield return new Measurement<int>(total - connected, new KeyValuePair<string, object?>("state", "disconnected"));
    }
}
