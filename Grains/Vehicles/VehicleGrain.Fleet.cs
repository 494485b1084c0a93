using Microsoft.Extensions.DependencyInjection;
using Orleans.Utilities;
using Twins.Grains.Internal;
using Twins.Grains.Commands;
using Twins.Grains.FleetIndex;
using Twins.Grains.Observers;

namespace Twins.Grains.Vehicles;

/// <summary>After each state change: the fleet index row, then the vehicle's observers and, for connection changes, the fleet-wide events grain.</summary>
internal sealed partial class VehicleGrain : IVehicleObservable
{
    private ObserverManager<IVehicleObserver>? _observers;
    private FleetIndexWriter? _fleet;
    private SortedDictionary<string, int>? _indexedCommandCounts;

    private ObserverManager<IVehicleObserver> Observers => _observers ??= VehicleObserverManager.Create(_services.Time, _logger);

    private FleetIndexWriter? Fleet => _fleet ??= ServiceProvider.GetService<FleetIndexWriter>();

    public Task SubscribeAsync(IVehicleObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IVehicleObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Call after a change is written: updates the fleet index row, then tells observers.</summary>
    private async Task OnChangedAsync(VehicleChangeKind kind, string? shadowName = null, CommandExecution? execution = null)
    {
        var connection = Connection;
        var classic = Shadows.Shadows.Get(null);
        if (Fleet is { } fleet && kind is VehicleChangeKind.Shadow or VehicleChangeKind.Connection)
        {
            await fleet.WriteAsync(ThingName, connection, classic.Version, classic.Reported, IndexCommandCounts(), Now);
        }

        var version = kind == VehicleChangeKind.Shadow ? Shadows.Shadows.Get(shadowName).Version : classic.Version;
        var change = new VehicleChange(ThingName, kind, shadowName, version, connection.Connected, connection.LastSeen, execution, Now);
        if (_observers is { Count: > 0 } observers)
        {
            // One-way: returns once queued; a subscriber whose silo has left is dropped at once.
            await observers.Notify(o => o.OnVehicleChangedAsync(change));
        }

        if (kind == VehicleChangeKind.Connection && Fleet is not null)
        {
            // Not awaited: a fleet-wide listener must not hold this vehicle's turn.
            _ = GrainFactory.GetGrain<IFleetEventsGrain>(IFleetEventsGrain.Key).PublishAsync(change);
        }
    }

    /// <summary>Call after a connection write: the index row always, observers only when <paramref name="changed"/> (not for a last-seen refresh).</summary>
    private async Task OnConnectionWrittenAsync(bool changed)
    {
        if (changed)
        {
            await OnChangedAsync(VehicleChangeKind.Connection);
        }
        else if (Fleet is { } fleet)
        {
            await WriteFleetIndexAsync(fleet);
        }
    }

    /// <summary>Call after a command ledger write: the index row when the counts by status moved, then observers about each execution that changed.</summary>
    private async Task OnCommandsChangedAsync(CommandLedger previous, CommandLedger current)
    {
        if (Fleet is { } fleet && !CountByStatus(current).SequenceEqual(_indexedCommandCounts ?? CountByStatus(previous)))
        {
            await WriteFleetIndexAsync(fleet);
        }

        if (_observers is not { Count: > 0 })
        {
            return;
        }

        foreach (var execution in current.Executions)
        {
            if (!ReferenceEquals(previous.Find(execution.ExecutionId), execution))
            {
                await OnChangedAsync(VehicleChangeKind.Command, execution: execution);
            }
        }
    }

    private static SortedDictionary<string, int> CountByStatus(CommandLedger ledger)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var execution in ledger.Executions)
        {
            var status = execution.Status.ToWireName();
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        return counts;
    }

    /// <summary>The counts by status of the executions the ledger keeps, remembered as the last ones indexed.</summary>
    private SortedDictionary<string, int> IndexCommandCounts() => _indexedCommandCounts = CountByStatus(Commands);

    private async Task WriteFleetIndexAsync(FleetIndexWriter fleet)
    {
        var classic = Shadows.Shadows.Get(null);
        await fleet.WriteAsync(ThingName, Connection, classic.Version, classic.Reported, IndexCommandCounts(), Now);
    }
}
