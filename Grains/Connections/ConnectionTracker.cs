using Twins.Grains.Routing;

namespace Twins.Grains.Connections;

/// <summary>
/// Connection status from lifecycle events that may be duplicated or arrive out of order: an event
/// is applied only if its <c>versionNumber</c> is newer than the last applied one, or equal and moving
/// connected → disconnected. As a fallback for brokers without lifecycle events, a vehicle silent for
/// 1.5 × its keep-alive is marked disconnected (MQTT_KEEP_ALIVE_TIMEOUT) and any message marks it seen.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly ConnectionOptions _options;

    /// <summary>Creates a tracker with the given keep-alive settings.</summary>
    public ConnectionTracker(ConnectionOptions? options = null)
    {
        _options = options ?? ConnectionOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.KeepAlive, TimeSpan.Zero);
    }

    /// <summary>Applies a lifecycle event if the ordering rule allows it.</summary>
    public static ConnectionChange Apply(ConnectionStatus status, LifecycleEvent lifecycleEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(lifecycleEvent);
        var connecting = lifecycleEvent.EventType == PresenceEventType.Connected;
        var accept = status.VersionNumber is not { } last
            || lifecycleEvent.VersionNumber > last
            || (lifecycleEvent.VersionNumber == last && !connecting && (status.Connected || status.DisconnectInferred));
        if (!accept)
        {
            return new ConnectionChange(status, false, false, false);
        }

        var next = connecting
            ? status with
            {
                Connected = true,
                Since = lifecycleEvent.Timestamp,
                SessionIdentifier = lifecycleEvent.SessionIdentifier,
                PrincipalIdentifier = lifecycleEvent.PrincipalIdentifier,
                IpAddress = lifecycleEvent.IpAddress,
                VersionNumber = lifecycleEvent.VersionNumber,
                LastSeen = Max(status.LastSeen, now),
                DisconnectInferred = false,
            }
            : status with
            {
                Connected = false,
                Since = status.DisconnectInferred && lifecycleEvent.VersionNumber == status.VersionNumber ? status.Since : lifecycleEvent.Timestamp,
                SessionIdentifier = lifecycleEvent.SessionIdentifier ?? status.SessionIdentifier,
                PrincipalIdentifier = lifecycleEvent.PrincipalIdentifier ?? status.PrincipalIdentifier,
                LastDisconnectReason = lifecycleEvent.DisconnectReason ?? DisconnectReason.Unknown,
                VersionNumber = lifecycleEvent.VersionNumber,
                DisconnectInferred = false,
            };
        return new ConnectionChange(next, true, connecting && !status.Connected, !connecting && status.Connected);
    }

    /// <summary>
    /// Any message from the vehicle: records it as seen, and if only the keep-alive fallback had
    /// marked it disconnected, it is evidently still connected in the same session.
    /// </summary>
    public static ConnectionChange MarkSeen(ConnectionStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.DisconnectInferred)
        {
            return new ConnectionChange(status with { Connected = true, DisconnectInferred = false, LastSeen = now, LastDisconnectReason = null }, true, true, false);
        }

        return new ConnectionChange(status with { LastSeen = Max(status.LastSeen, now) }, true, false, false);
    }

    /// <summary>When the keep-alive fallback should next check this vehicle, or <c>null</c> if it is not connected.</summary>
    public DateTimeOffset? KeepAliveDeadline(ConnectionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status is { Connected: true, LastSeen: { } seen } ? seen + _options.SilenceLimit : null;
    }

    /// <summary>Marks a connected vehicle silent for 1.5 × keep-alive as disconnected with MQTT_KEEP_ALIVE_TIMEOUT.</summary>
    public ConnectionChange CheckKeepAlive(ConnectionStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (KeepAliveDeadline(status) is not { } deadline || now < deadline)
        {
            return new ConnectionChange(status, false, false, false);
        }

        var next = status with
        {
            Connected = false,
            Since = now,
            LastDisconnectReason = DisconnectReason.MqttKeepAliveTimeout,
            DisconnectInferred = true,
        };
        return new ConnectionChange(next, true, false, true);
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
