namespace Twins.Mqtt.Client;

/// <summary>The operation needs a connection and there is none.</summary>
public sealed class MqttClientNotConnectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttClientNotConnectedException()
        : base("The MQTT client is not connected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttClientNotConnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MqttClientNotConnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
