using System.Text.Json.Nodes;

namespace Twins.Silo.Tests;

/// <summary>A paho-mqtt device against the silo's gateway and vehicle grains: the Device Shadow contract.</summary>
public sealed class VehicleShadowEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static JsonObject Step(string key, JsonNode? value, params (string Key, JsonNode? Value)[] more)
    {
        var step = new JsonObject { [key] = value };
        foreach (var (k, v) in more)
        {
            step[k] = v;
        }

        return step;
    }

    [Fact]
    public async Task Update_ThenGetThenDelete_DeviceReceivesAcceptedDeltaDocumentsExactlyAsTheContractSays()
    {
        const string Thing = "car-shadow-1";
        var prefix = $"$aws/things/{Thing}/shadow";
        var plan = new JsonArray
        {
            Step("subscribe", $"{prefix}/#"),
            Step("publish", $"{prefix}/update", ("payload", """{"state":{"desired":{"lights":"on","seats":{"heat":2}},"reported":{"lights":"off"}},"clientToken":"t-1"}""")),
            Step("expect", 4), // the request itself (subscribed to #), accepted, delta, documents
            Step("publish", $"{prefix}/get", ("payload", """{"clientToken":"t-2"}""")),
            Step("expect", 6),
            Step("publish", $"{prefix}/delete", ("payload", "")),
            Step("expect", 8),
            Step("publish", $"{prefix}/get", ("payload", "")),
            Step("expect", 10),
        };

        var received = (await PahoDevice.RunAsync(silo.Broker.Port, Thing, plan)).Where(m => !m.Topic.EndsWith("/update", StringComparison.Ordinal) && !m.Topic.EndsWith("/get", StringComparison.Ordinal) && !m.Topic.EndsWith("/delete", StringComparison.Ordinal)).ToList();

        var accepted = received.Single(m => m.Topic == $"{prefix}/update/accepted").Json;
        Assert.Equal("t-1", (string?)accepted["clientToken"]);
        Assert.Equal(1, (long)accepted["version"]!);
        Assert.Equal("on", (string?)accepted["state"]!["desired"]!["lights"]);
        Assert.Equal(silo.Time.GetUtcNow().ToUnixTimeSeconds(), (long)accepted["metadata"]!["desired"]!["lights"]!["timestamp"]!);

        var delta = received.Single(m => m.Topic == $"{prefix}/update/delta").Json;
        Assert.Equal("on", (string?)delta["state"]!["lights"]);
        Assert.Equal(2, (int)delta["state"]!["seats"]!["heat"]!);
        Assert.Equal(1, (long)delta["version"]!);

        var documents = received.Single(m => m.Topic == $"{prefix}/update/documents").Json;
        Assert.Null(documents["previous"]);
        Assert.Equal("off", (string?)documents["current"]!["state"]!["reported"]!["lights"]);

        var get = received.First(m => m.Topic == $"{prefix}/get/accepted").Json;
        Assert.Equal("t-2", (string?)get["clientToken"]);
        Assert.Equal("on", (string?)get["state"]!["delta"]!["lights"]);

        var deleted = received.Single(m => m.Topic == $"{prefix}/delete/accepted").Json;
        Assert.Equal(1, (long)deleted["version"]!);

        var notFound = received.Single(m => m.Topic == $"{prefix}/get/rejected").Json;
        Assert.Equal(404, (int)notFound["code"]!);
        Assert.Equal($"No shadow exists with name: '{Thing}'", (string?)notFound["message"]);
    }

    [Fact]
    public async Task Update_BadInput_DeviceReceivesTheContractsErrorDocuments()
    {
        const string Thing = "car-shadow-2";
        var prefix = $"$aws/things/{Thing}/shadow/name/config";
        var plan = new JsonArray
        {
            Step("subscribe", $"{prefix}/update/+"),
            Step("publish", $"{prefix}/update", ("payload", "{not json")),
            Step("expect", 1),
            Step("publish", $"{prefix}/update", ("payload", """{"state":{"reported":{"a":1}},"version":7,"clientToken":"v"}""")),
            Step("expect", 2),
            Step("publish", $"{prefix}/update", ("payload", """{"clientToken":"m"}""")),
            Step("expect", 3),
            Step("publish", $"{prefix}/update", ("payload", """{"state":{"reported":{"a":1}}}""")),
            Step("expect", 5), // accepted and documents
            Step("publish", $"{prefix}/update", ("payload", """{"state":{"reported":{"a":2}},"version":0,"clientToken":"stale"}""")),
            Step("expect", 6),
        };

        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, plan);

        var rejected = received.Where(m => m.Topic == $"{prefix}/update/rejected").Select(m => m.Json).ToList();
        Assert.Equal(4, rejected.Count);
        Assert.Equal((400, "Invalid JSON"), ((int)rejected[0]["code"]!, (string?)rejected[0]["message"]));
        Assert.Equal((409, "Version conflict", "v"), ((int)rejected[1]["code"]!, (string?)rejected[1]["message"], (string?)rejected[1]["clientToken"]));
        Assert.Equal((400, "Missing required node: state", "m"), ((int)rejected[2]["code"]!, (string?)rejected[2]["message"], (string?)rejected[2]["clientToken"]));
        Assert.Equal((409, "Version conflict", "stale"), ((int)rejected[3]["code"]!, (string?)rejected[3]["message"], (string?)rejected[3]["clientToken"]));
        var accepted = Assert.Single(received, m => m.Topic == $"{prefix}/update/accepted").Json;
        Assert.Equal(1, (long)accepted["version"]!);
        Assert.Contains(silo.Counters.Rejected, r => r.Key == "shadow-409");
    }
}
