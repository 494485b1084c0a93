namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>
/// The fleet-wide critical OEM message (one grain, key <see cref="Key"/>), retained on <c>twins/fleet/critical</c>
/// with a Message Expiry Interval so every vehicle receives the latest one when it subscribes.
/// </summary>
[Alias("Twins.IFleetCriticalMessageGrain")]
public interface IFleetCriticalMessageGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "fleet";

    /// <summary>Publishes (an empty payload clears) the fleet-wide message; returns it as stored, or <c>null</c> when cleared.</summary>
    [Alias("SendAsync")]
    Task<CriticalMessage?> SendAsync(CriticalMessage message);

    /// <summary>The current fleet-wide message if it has not expired.</summary>
    [Alias("GetAsync")]
    Task<CriticalMessage?> GetAsync();
}
