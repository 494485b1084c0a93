using System.Diagnostics.Metrics;
using Twins.Grains.Commands;
using Twins.Grains.FleetIndex;

namespace Twins.Silo.Observability;

/// <summary>
/// Fleet-wide gauges on meter <c>Twins.Silo</c>, read from the fleet index (the same counts as the API's
/// <c>fleetSummary</c>): <c>twins.fleet.vehicles</c> by <c>connected</c> and <c>twins.fleet.command_executions</c>
/// by <c>status</c>. Every silo reports the whole fleet, so a dashboard takes the max over silos, not the sum.
/// </summary>
/// <remarks>
/// A scrape never waits for the index: it reports the last counts and starts a refresh when they are older
/// than <see cref="RefreshInterval"/>, so a slow store cannot stall /metrics and scrapes cost at most one count
/// query per interval.
/// </remarks>
internal sealed partial class FleetMetrics
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private static readonly string[] Statuses = [.. Enum.GetValues<CommandExecutionStatus>().Select(s => s.ToWireName())];

    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetMetrics> _logger;
    private FleetCounts? _counts;
    private long _refreshedAt;
    private int _refreshing;

    public FleetMetrics(IMeterFactory meterFactory, IServiceProvider services, TimeProvider time, ILogger<FleetMetrics> logger)
    {
        _services = services;
        _time = time;
        _logger = logger;
        var meter = meterFactory.Create(SiloMetrics.SiloMeterName);
        meter.CreateObservableGauge("twins.fleet.vehicles", ObserveVehicles, "{vehicle}", "Vehicles in the fleet index by connection (connected=\"true\"/\"false\").");
        meter.CreateObservableGauge("twins.fleet.command_executions", ObserveCommands, "{execution}", "Command executions in the fleet index by status.");
    }

    private IEnumerable<Measurement<int>> ObserveVehicles()
    {
        if (Current() is not { } counts)
        {
            yield break;
        }

        yield return new Measurement<int>(counts.Connected, new KeyValuePair<string, object?>("connected", "true"));
        yield return new Measurement<int>(counts.Total - counts.Connected, new KeyValuePair<string, object?>("connected", "false"));
    }

    // Every status is reported, zero included, so a dashboard's series exist before the first command.
    private IEnumerable<Measurement<int>> ObserveCommands() =>
        Current() is { } counts
            ? Statuses.Select(s => new Measurement<int>(counts.ByCommandStatus.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s)))
            : [];

    private FleetCounts? Current()
    {
        var counts = Volatile.Read(ref _counts);
        if ((counts is null || _time.GetElapsedTime(Interlocked.Read(ref _refreshedAt)) >= RefreshInterval)
            && _services.GetService<IFleetIndex>() is { } index
            && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync(index);
        }

        return counts;
    }

    private async Task RefreshAsync(IFleetIndex index)
    {
        try
        {
            Volatile.Write(ref _counts, await index.CountAsync(null).ConfigureAwait(false));
            Interlocked.Exchange(ref _refreshedAt, _time.GetTimestamp());
        }
#pragma warning disable CA1031 // a failed count leaves the last one; the next scrape tries again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCountFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(EventId = 7601, Level = LogLevel.Warning, Message = "Counting the fleet index for /metrics failed; the last counts stay")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
