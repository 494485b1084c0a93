using Microsoft.Extensions.Logging;
using Twins.Actors;
using Twins.Grains.Observers;

namespace Twins.Grains.FleetIndex;

/// <summary>Forwards vehicles' connection changes to the fleet-wide observers (one per silo API).</summary>
[Reentrant]
internal sealed class FleetEventsGrain(TimeProvider time, ILogger<FleetEventsGrain> logger) : Grain, IFleetEventsGrain
{
    private readonly ObserverManager<IVehicleObserver> _observers = new(IVehicleObservable.SubscriptionLifetime, time, logger);

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
        await _observers.NotifyAsync(o => o.OnVehicleChangedAsync(change));
    }
}
