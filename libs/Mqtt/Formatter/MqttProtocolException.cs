using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Formatter;

/// <summary>
/// A packet broke the MQTT 5.0 rules. <see cref="ReasonCode"/> is what the client sends in its
/// DISCONNECT before closing: 0x81 malformed, 0x82 protocol error, 0x93, 0x94 or 0x95.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    /// <summary>Creates the exception with the reason code to report.</summary>
    public MqttProtocolException(MqttReasonCode reasonCode, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>Creates an unspecified-error exception (0x80).</summary>
    public MqttProtocolException()
        : this(MqttReasonCode.UnspecifiedError, "MQTT protocol error.")
    {
    }

    /// <summary>Creates an unspecified-error exception (0x80) with a message.</summary>
    public MqttProtocolException(string message)
        : this(MqttReasonCode.UnspecifiedError, message)
    {
    }

    /// <summary>Creates an unspecified-error exception (0x80) with a message and inner exception.</summary>
    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = MqttReasonCode.UnspecifiedError;
    }

    /// <summary>The reason code that names the violation.</summary>
    public MqttReasonCode ReasonCode { get; }
}
