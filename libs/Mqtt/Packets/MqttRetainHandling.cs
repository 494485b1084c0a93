namespace Twins.Mqtt.Packets;

/// <summary>When the broker sends retained messages for a new subscription (MQTT 5.0 §3.8.3.1).</summary>
public enum MqttRetainHandling
{
    /// <summary>Send retained messages at the time of every subscribe.</summary>
    SendAtSubscribe = 0,

    /// <summary>Send retained messages only if the subscription did not exist.</summary>
    SendAtSubscribeIfNewSubscriptionOnly = 1,

    /// <summary>Never send retained messages for this subscription.</summary>
    DoNotSendOnSubscribe = 2,
}
