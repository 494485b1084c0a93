using Twins.Actors;

namespace Twins.Grains.Observers;

/// <summary>Receives vehicle changes from <see cref="IVehicleObservable"/> and <see cref="IFleetEventsGrain"/>.</summary>
public interface IVehicleObserver : IGrainObserver
{
    /// <summary>Called after <paramref name="change"/> is written.</summary>
    Task OnVehicleChangedAsync(VehicleChange change);
}
