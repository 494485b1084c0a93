using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;
using Twins.Grains.Internal;
using Twins.Grains.Observers;

namespace Twins.Grains.FleetIndex;

/// <summary>Forwards vehicles' connection changes to the fleet-wide observers (one per silo API).</summary>
[Reentrant]
[GrainType("fleet-events")]
internal sealed class FleetEventsGrain(TimeProvider time, ILogger<FleetEventsGrain> logger) : Grain, IFleetEventsGrain
{
    private readonly ObserverManager<IVehicleObserver> _observers = VehicleObserverManager.Create(time, logger);

    public Task SubscribeAsync(IVehicleObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IVehicleObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task PublishAsync(VehicleChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _observers.Notify(o => o.OnVehicleChangedAsync(change));
    }
}
