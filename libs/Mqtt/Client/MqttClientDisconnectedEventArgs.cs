using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>A connection ended.</summary>
public sealed class MqttClientDisconnectedEventArgs : EventArgs
{
    /// <summary>Who or what ended it.</summary>
    public required MqttDisconnectSource Source { get; init; }

    /// <summary>The reason code: the broker's DISCONNECT reason, the one this client sent, or UnspecifiedError for transport failures.</summary>
    public MqttReasonCode ReasonCode { get; init; }

    /// <summary>Reason String from the broker's DISCONNECT, or a description of the local cause.</summary>
    public string? ReasonString { get; init; }

    /// <summary>The exception behind a transport failure or protocol violation.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The client will try to reconnect (backoff with full jitter).</summary>
    public bool WillReconnect { get; init; }
}
