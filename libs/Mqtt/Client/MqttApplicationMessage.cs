using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>An application message as published or received, with its MQTT 5 properties.</summary>
public sealed class MqttApplicationMessage
{
    /// <summary>The topic name (no wildcards).</summary>
    public required string Topic { get; init; }

    /// <summary>The payload bytes.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The QoS used for this message.</summary>
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; init; }

    /// <summary>Publish: ask the broker to retain it. Receive: the broker sent a retained message.</summary>
    public bool Retain { get; init; }

    /// <summary>Receive only: the broker marked this as a possible redelivery.</summary>
    public bool Dup { get; init; }

    /// <summary>Payload Format Indicator.</summary>
    public MqttPayloadFormatIndicator PayloadFormatIndicator { get; init; }

    /// <summary>Message Expiry Interval in seconds (0 = none). On receipt, the broker has counted it down.</summary>
    public uint MessageExpiryInterval { get; init; }

    /// <summary>Content Type (MIME type or anything the application agrees on).</summary>
    public string? ContentType { get; init; }

    /// <summary>Response Topic for request / response; must not contain wildcards.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>Correlation Data (opaque bytes) echoed by the responder.</summary>
    public ReadOnlyMemory<byte> CorrelationData { get; init; }

    /// <summary>User Properties in order.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    /// <summary>Receive only: the Subscription Identifiers of the subscriptions that matched.</summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>The payload decoded as UTF-8 (lenient: invalid bytes become U+FFFD).</summary>
    public string ConvertPayloadToString() => System.Text.Encoding.UTF8.GetString(Payload.Span);
}
