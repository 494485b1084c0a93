using System.Text.Json.Nodes;

namespace Twins.Silo.Tests;

/// <summary>Builds the JSON plans device.py runs.</summary>
public static class Plan
{
    public static JsonArray Of(params JsonObject[] steps) => [.. steps];

    public static JsonObject Subscribe(string filter) => new() { ["subscribe"] = filter };

    public static JsonObject Publish(string topic, string payload) => new() { ["publish"] = topic, ["payload"] = payload };

    public static JsonObject Expect(int total) => new() { ["expect"] = total };

    public static JsonObject Connected(long versionNumber) => new() { ["connected"] = versionNumber };

    public static JsonObject Respond(string status) => new() { ["respond"] = status, ["result"] = new JsonObject { ["ok"] = true } };

    public static string Lifecycle(string thing, string eventType, long version, long timestampMs, string? reason = null) =>
        new JsonObject
        {
            ["clientId"] = thing,
            ["timestamp"] = timestampMs,
            ["eventType"] = eventType,
            ["sessionIdentifier"] = $"session-{version}",
            ["principalIdentifier"] = "cert-1",
            ["versionNumber"] = version,
            ["disconnectReason"] = reason,
        }.ToJsonString();
}
