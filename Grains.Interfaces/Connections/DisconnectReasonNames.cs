namespace Twins.Grains.Connections;

/// <summary>Wire names of <see cref="DisconnectReason"/>.</summary>
public static class DisconnectReasonNames
{
    private static readonly (DisconnectReason Reason, string Name)[] s_names =
    [
        (DisconnectReason.AuthError, "AUTH_ERROR"),
        (DisconnectReason.ClientInitiatedDisconnect, "CLIENT_INITIATED_DISCONNECT"),
        (DisconnectReason.ClientError, "CLIENT_ERROR"),
        (DisconnectReason.ConnectionLost, "CONNECTION_LOST"),
        (DisconnectReason.DuplicateClientId, "DUPLICATE_CLIENTID"),
        (DisconnectReason.ForbiddenAccess, "FORBIDDEN_ACCESS"),
        (DisconnectReason.MqttKeepAliveTimeout, "MQTT_KEEP_ALIVE_TIMEOUT"),
        (DisconnectReason.ServerError, "SERVER_ERROR"),
        (DisconnectReason.ServerInitiatedDisconnect, "SERVER_INITIATED_DISCONNECT"),
        (DisconnectReason.Throttled, "THROTTLED"),
        (DisconnectReason.WebSocketTtlExpiration, "WEBSOCKET_TTL_EXPIRATION"),
        (DisconnectReason.CustomAuthTtlExpiration, "CUSTOMAUTH_TTL_EXPIRATION"),
        (DisconnectReason.Unknown, "UNKNOWN"),
        (DisconnectReason.None, "NONE"),
    ];

    /// <summary>The upper-case wire name.</summary>
    public static string ToWireName(this DisconnectReason reason)
    {
        foreach (var (r, name) in s_names)
        {
            if (r == reason)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(reason), reason, null);
    }

    /// <summary>Parses a wire name (exact, upper case).</summary>
    public static bool TryParse(string? name, out DisconnectReason reason)
    {
        foreach (var (r, n) in s_names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                reason = r;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
