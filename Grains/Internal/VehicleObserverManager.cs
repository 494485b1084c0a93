using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Twins.Grains.Observers;

namespace Twins.Grains.Internal;

/// <summary>Creates the observer lists of the grains that tell subscribers about vehicle changes.</summary>
internal static class VehicleObserverManager
{
    /// <summary>
    /// Orleans' <see cref="ObserverManager{TObserver}"/> with subscriptions lasting <see cref="IVehicleObservable.SubscriptionLifetime"/>
    /// on the grains' clock (<paramref name="time"/>) instead of the wall clock, so expiry follows the same time as everything else.
    /// </summary>
    public static ObserverManager<IVehicleObserver> Create(TimeProvider time, ILogger logger) =>
        new(IVehicleObservable.SubscriptionLifetime, logger) { GetDateTime = () => time.GetUtcNow().UtcDateTime };
}
