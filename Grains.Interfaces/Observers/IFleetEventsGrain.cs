namespace Twins.Grains.Observers;

/// <summary>
/// Fleet-wide connection changes (one grain, key <see cref="Key"/>): vehicle grains publish each
/// connection change to it and it forwards them to its observers (one per silo's API), so a
/// subscription sees changes of vehicles active on any silo.
/// </summary>
[Alias("Twins.IFleetEventsGrain")]
public interface IFleetEventsGrain : IGrainWithStringKey
{
    /// <summary>The key of the one instance.</summary>
    const string Key = "fleet";

    /// <summary>Adds or renews <paramref name="observer"/> (expires after <see cref="IVehicleObservable.SubscriptionLifetime"/>).</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IVehicleObserver observer);

    /// <summary>Removes <paramref name="observer"/>.</summary>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IVehicleObserver observer);

    /// <summary>Forwards <paramref name="change"/> to the observers.</summary>
    [Alias("PublishAsync")]
    Task PublishAsync(VehicleChange change);
}
