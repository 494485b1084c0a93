using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>What the broker said in CONNACK, with the values this client adopted.</summary>
public sealed class MqttClientConnectResult
{
    /// <summary>CONNACK reason code.</summary>
    public MqttReasonCode ResultCode { get; init; }

    /// <summary>The broker resumed an existing session.</summary>
    public bool IsSessionPresent { get; init; }

    /// <summary>The client identifier in use (assigned by the broker when the client sent none).</summary>
    public string ClientId { get; init; } = "";

    /// <summary>The broker's Receive Maximum: our send quota for QoS 1/2.</summary>
    public ushort ReceiveMaximum { get; init; }

    /// <summary>The highest QoS the broker accepts.</summary>
    public MqttQualityOfServiceLevel MaximumQoS { get; init; }

    /// <summary>Whether the broker accepts retained messages.</summary>
    public bool RetainAvailable { get; init; }

    /// <summary>The largest packet the broker accepts.</summary>
    public uint MaximumPacketSize { get; init; }

    /// <summary>How many outbound topic aliases the broker accepts.</summary>
    public ushort TopicAliasMaximum { get; init; }

    /// <summary>The keep-alive in effect (the broker's Server Keep Alive when it sent one).</summary>
    public TimeSpan KeepAlive { get; init; }

    /// <summary>The session expiry in effect, in seconds.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Whether the broker supports shared subscriptions.</summary>
    public bool SharedSubscriptionAvailable { get; init; }

    /// <summary>Whether the broker supports subscription identifiers.</summary>
    public bool SubscriptionIdentifiersAvailable { get; init; }

    /// <summary>Reason String from the broker.</summary>
    public string? ReasonString { get; init; }

    /// <summary>Response Information from the broker.</summary>
    public string? ResponseInformation { get; init; }

    /// <summary>User Properties from the broker.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
