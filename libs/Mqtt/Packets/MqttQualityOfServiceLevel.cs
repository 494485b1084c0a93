namespace Twins.Mqtt.Packets;

/// <summary>The delivery guarantee of an application message (MQTT 5.0 §4.3).</summary>
public enum MqttQualityOfServiceLevel
{
    /// <summary>QoS 0: delivered at most once, never acknowledged.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: delivered at least once (PUBLISH / PUBACK); consumers must be idempotent.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: delivered exactly once (PUBLISH / PUBREC / PUBREL / PUBCOMP).</summary>
    ExactlyOnce = 2,
}
