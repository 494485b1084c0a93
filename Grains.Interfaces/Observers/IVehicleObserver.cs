using Orleans.Concurrency;

namespace Twins.Grains.Observers;

/// <summary>Receives vehicle changes from <see cref="IVehicleObservable"/> and <see cref="IFleetEventsGrain"/>.</summary>
[Alias("Twins.IVehicleObserver")]
public interface IVehicleObserver : IGrainObserver
{
    /// <summary>
    /// Called after <paramref name="change"/> is written. One-way: the grain does not wait for the subscriber
    /// (which may live on another silo or in a client); the call still fails at once when the subscriber's host
    /// is known to be gone, so <c>ObserverManager.NotifyAsync</c> drops it.
    /// </summary>
    [OneWay]
    [Alias("OnVehicleChangedAsync")]
    Task OnVehicleChangedAsync(VehicleChange change);
}
