using System.Text.Json.Nodes;

namespace Twins.Silo.Tests;

/// <summary>A message the paho device received.</summary>
public sealed record DeviceMessage(string Topic, string Payload, bool Retain, long? Expiry, string? ResponseTopic, string? Correlation)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Payload)!;
}
