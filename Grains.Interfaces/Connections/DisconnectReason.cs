namespace Twins.Grains.Connections;

/// <summary>AWS IoT's <c>disconnectReason</c> values.</summary>
[GenerateSerializer]
[Alias("Twins.DisconnectReason")]
public enum DisconnectReason
{
    /// <summary><c>AUTH_ERROR</c></summary>
    AuthError,

    /// <summary><c>CLIENT_INITIATED_DISCONNECT</c></summary>
    ClientInitiatedDisconnect,

    /// <summary><c>CLIENT_ERROR</c></summary>
    ClientError,

    /// <summary><c>CONNECTION_LOST</c></summary>
    ConnectionLost,

    /// <summary><c>DUPLICATE_CLIENTID</c></summary>
    DuplicateClientId,

    /// <summary><c>FORBIDDEN_ACCESS</c></summary>
    ForbiddenAccess,

    /// <summary><c>MQTT_KEEP_ALIVE_TIMEOUT</c></summary>
    MqttKeepAliveTimeout,

    /// <summary><c>SERVER_ERROR</c></summary>
    ServerError,

    /// <summary><c>SERVER_INITIATED_DISCONNECT</c></summary>
    ServerInitiatedDisconnect,

    /// <summary><c>THROTTLED</c></summary>
    Throttled,

    /// <summary><c>WEBSOCKET_TTL_EXPIRATION</c></summary>
    WebSocketTtlExpiration,

    /// <summary><c>CUSTOMAUTH_TTL_EXPIRATION</c></summary>
    CustomAuthTtlExpiration,

    /// <summary><c>UNKNOWN</c></summary>
    Unknown,

    /// <summary><c>NONE</c></summary>
    None,
}
