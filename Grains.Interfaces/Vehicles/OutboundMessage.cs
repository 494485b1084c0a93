namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>A message Twins publishes to vehicles or apps: a shadow reply, a delta, a command request or event, a critical message.</summary>
/// <param name="Topic">The topic (no wildcards).</param>
/// <param name="Payload">The payload bytes.</param>
/// <param name="Retain">Ask the broker to retain it (critical messages).</param>
/// <param name="MessageExpiryInterval">Seconds the broker may keep it before dropping it; 0 for none.</param>
/// <param name="ResponseTopic">MQTT 5 Response Topic (command requests).</param>
/// <param name="CorrelationData">MQTT 5 Correlation Data (command requests).</param>
public sealed record OutboundMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    bool Retain = false,
    uint MessageExpiryInterval = 0,
    string? ResponseTopic = null,
    ReadOnlyMemory<byte> CorrelationData = default);
