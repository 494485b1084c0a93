namespace Twins.Grains.Observers;

/// <summary>
/// The observer side of a vehicle grain (same grain type and key as <c>IVehicleGrain</c>, so the same
/// activation): subscribers get every change of that vehicle. Subscriptions expire after
/// <see cref="SubscriptionLifetime"/>; subscribers renew them well before.
/// </summary>
[Alias("Twins.IVehicleObservable")]
public interface IVehicleObservable : IGrainWithStringKey
{
    /// <summary>How long a subscription lasts without renewal.</summary>
    static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Adds or renews <paramref name="observer"/>.</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IVehicleObserver observer);

    /// <summary>Removes <paramref name="observer"/>.</summary>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IVehicleObserver observer);
}
