using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>A connect attempt failed: the broker refused it (CONNACK reason) or the transport failed.</summary>
public sealed class MqttConnectingFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttConnectingFailedException(string message, MqttReasonCode reasonCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>Creates the exception.</summary>
    public MqttConnectingFailedException()
        : this("Connecting failed.", MqttReasonCode.UnspecifiedError)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MqttConnectingFailedException(string message)
        : this(message, MqttReasonCode.UnspecifiedError)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MqttConnectingFailedException(string message, Exception innerException)
        : this(message, MqttReasonCode.UnspecifiedError, innerException)
    {
    }

    /// <summary>The CONNACK reason code, or UnspecifiedError when the transport failed.</summary>
    public MqttReasonCode ReasonCode { get; }
}
