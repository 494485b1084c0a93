namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// Ends a vehicle's open broker connection from the broker side (implemented by the gateway): connects to
/// the broker under the vehicle's client id with the gateway's privileged identity, which makes an MQTT
/// broker close the older connection with that id (session takeover), then disconnects cleanly. Used when
/// a revoked certificate's connection is still open after the vehicle was asked to disconnect.
/// </summary>
public interface IBrokerSessionTakeover
{
    /// <summary>
    /// Takes over and ends the session of <paramref name="clientId"/>; true once the broker accepted the
    /// takeover connection (so the older one is closed), false when no broker connection is available here.
    /// </summary>
    /// <param name="clientId">The vehicle's MQTT client id (its thing name).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task<bool> TakeOverAsync(string clientId, CancellationToken cancellationToken = default);
}
