using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Grains.Routing;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>The fleet API with real npm clients: graphql-ws subscriptions fed by grain observers, graphql-js reading the live introspection.</summary>
public sealed class FleetApiSubscriptionTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private string Token(string role, params string[] vehicles) =>
        silo.App.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("test-" + role, role, role == "owner" ? vehicles : null, TimeSpan.FromHours(1));

    private string WebSocketUrl => new UriBuilder(silo.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();

    [Fact]
    public async Task Introspection_BuildsClientSchemaEqualToSiloSchemaGraphql()
    {
        var printed = await NodeClient.RunToEndAsync("schema", new Uri(silo.BaseAddress, "/graphql").ToString(), Token("operator"));
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Silo", "schema.graphql"));
        Assert.Equal(expected.TrimEnd(), printed.TrimEnd());
    }

    [Fact]
    public async Task VehicleChanged_DesiredReachesPahoVehicle_AndItsReportedAnswerArrives()
    {
        const string Thing = "sub-shadow-1";
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"$aws/things/{Thing}/shadow/update/delta"),
            Plan.Connected(1),
            Plan.Expect(1),
            Plan.Publish($"$aws/things/{Thing}/shadow/update", """{"state":{"reported":{"hvac":{"target":22}}}}""")));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");
        using var api = new FleetApiClient(silo.BaseAddress, Token("operator"));
        await using var subscriber = NodeClient.Start("subscribe", WebSocketUrl, Token("operator"),
            "subscription($t: String!) { vehicleChanged(thingName: $t) { kind shadowVersion vehicle { thingName shadow { reported } } } }",
            $$"""{"t":"{{Thing}}"}""", "\"target\":22");
        await WaitUntilSubscribedAsync(subscriber, api, Thing);

        await api.DataAsync("""mutation { updateDesiredState(input: { thingName: "sub-shadow-1", desired: { hvac: { target: 22 } } }) { errors { __typename } } }""");

        var reported = await subscriber.NextAsync(line => line["next"]?["data"]?["vehicleChanged"]?["vehicle"]?["shadow"]?["reported"] is JsonObject);
        var change = reported["next"]!["data"]!["vehicleChanged"]!;
        Assert.Equal("SHADOW", (string)change["kind"]!);
        Assert.Equal(22, (int)change["vehicle"]!["shadow"]!["reported"]!["hvac"]!["target"]!);
        Assert.Equal(22, (int)Assert.Single(await device).Json["state"]!["hvac"]!["target"]!);
    }

    [Fact]
    public async Task VehicleChanged_OwnerOfAnotherVehicle_ReceivesNothing()
    {
        const string Thing = "sub-private-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Thing, null, false, now, 0, null, now));
        using var api = new FleetApiClient(silo.BaseAddress, Token("operator"));
        await using var stranger = NodeClient.Start("subscribe", WebSocketUrl, Token("owner", "someone-else"),
            "subscription($t: String!) { vehicleChanged(thingName: $t) { kind } }", $$"""{"t":"{{Thing}}"}""", "kind");
        await using var operatorSubscriber = NodeClient.Start("subscribe", WebSocketUrl, Token("operator"),
            "subscription($t: String!) { vehicleChanged(thingName: $t) { kind } }", $$"""{"t":"{{Thing}}"}""", "never");
        Assert.True((bool)(await stranger.NextAsync())["connected"]!);
        await WaitUntilSubscribedAsync(operatorSubscriber, api, Thing);

        await api.DataAsync($$"""mutation { publishCriticalMessage(input: { thingName: "{{Thing}}", payload: "recall" }) { errors { __typename } } }""");
        await operatorSubscriber.NextAsync(line => line["next"]?["data"]?["vehicleChanged"]?["kind"]?.ToString() == "CRITICAL_MESSAGE");

        // The stranger connected first and stayed subscribed through every probe and the message: nothing reached it.
        Assert.False(stranger.TryTake(out var leaked), leaked?.ToJsonString());
    }

    [Fact]
    public async Task ConnectionChanged_Where_DeliversOnlyMatchingChanges_AndAnOwnerOnlyTheirOwnVehicles()
    {
        await using var watcher = NodeClient.Start("subscribe", WebSocketUrl, Token("operator"),
            """subscription { connectionChanged(where: { thingName: { startsWith: "conn-sub-" }, connected: { eq: true } }) { thingName connected } }""", "{}", "never");
        await using var owner = NodeClient.Start("subscribe", WebSocketUrl, Token("owner", "conn-own-1", "conn-own-2"),
            "subscription { connectionChanged { thingName connected } }", "{}", "never");
        await WaitUntilConnectionSubscribedAsync(watcher, "conn-sub-probe", "conn-sub-barrier");
        await WaitUntilConnectionSubscribedAsync(owner, "conn-own-1", "conn-own-2");

        await ConnectAsync("conn-sub-1");
        await DisconnectAsync("conn-sub-1");
        await ConnectAsync("conn-other-1");
        await ConnectAsync("conn-sub-2");
        await DisconnectAsync("conn-own-2");

        Assert.Equal([("conn-sub-1", true), ("conn-sub-2", true)], await ChangesUntilAsync(watcher, "conn-sub-2"));

        // Between the owner's barrier and their own vehicle's disconnect, nothing of the others' vehicles arrived.
        Assert.Equal([("conn-own-2", false)], await ChangesUntilAsync(owner, "conn-own-2"));
    }

    [Fact]
    public async Task CommandExecutionChanged_ReportsEachStatusUntilSucceededWithResult_AndNothingToAnotherOwner()
    {
        const string Thing = "cmd-sub-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Thing, null, false, now, 0, null, now));
        using var api = new FleetApiClient(silo.BaseAddress, Token("operator"));
        const string Subscription = "subscription($t: String!) { commandExecutionChanged(thingName: $t) { thingName command status result } }";
        await using var stranger = NodeClient.Start("subscribe", WebSocketUrl, Token("owner", "someone-else"), Subscription, $$"""{"t":"{{Thing}}"}""", "never");
        await using var subscriber = NodeClient.Start("subscribe", WebSocketUrl, Token("operator"), Subscription, $$"""{"t":"{{Thing}}"}""", "never");
        Assert.True((bool)(await stranger.NextAsync())["connected"]!);
        Assert.True((bool)(await subscriber.NextAsync())["connected"]!);

        // The vehicle is offline: each probe is queued (and reported) until the subscription is live.
        var queued = 0;
        await Poll.UntilAsync(async () =>
        {
            await api.DataAsync($$"""mutation { sendCommand(input: { thingName: "{{Thing}}", command: "probe" }) { errors { __typename } } }""");
            queued++;
            return subscriber.TryTake(out var line) && (string?)line["next"]?["data"]?["commandExecutionChanged"]?["status"] == "QUEUED";
        }, "the subscription to be registered");
        await api.DataAsync($$"""mutation { sendCommand(input: { thingName: "{{Thing}}", command: "unlock", parameters: { door: "driver" } }) { errors { __typename } } }""");
        queued++;

        // A paho vehicle connects, receives every queued command and answers each SUCCEEDED.
        var steps = new List<System.Text.Json.Nodes.JsonObject> { Plan.Subscribe($"$aws/commands/things/{Thing}/executions/+/request/json"), Plan.Connected(1) };
        steps.AddRange(Enumerable.Range(0, queued).Select(_ => Plan.Respond("SUCCEEDED")));
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of([.. steps]));

        var statuses = new List<string>();
        while (true)
        {
            var change = (await subscriber.NextAsync(line => line["next"]?["data"]?["commandExecutionChanged"]?["command"]?.ToString() == "unlock"))["next"]!["data"]!["commandExecutionChanged"]!;
            Assert.Equal(Thing, (string)change["thingName"]!);
            statuses.Add((string)change["status"]!);
            if (statuses[^1] == "SUCCEEDED")
            {
                Assert.True((bool)change["result"]!["ok"]!);
                break;
            }
        }

        await device;
        Assert.Equal("QUEUED", statuses[0]);
        Assert.Contains("CREATED", statuses); // delivered on connect
        Assert.False(stranger.TryTake(out var leaked), leaked?.ToJsonString());

        // The vehicle grain counted its executions into the fleet index: every one ended SUCCEEDED.
        using var owner = new FleetApiClient(silo.BaseAddress, Token("owner", Thing));
        await Poll.UntilAsync(async () =>
        {
            var counts = (await owner.DataAsync("{ fleetSummary { byCommandStatus { status count } } }"))["fleetSummary"]!["byCommandStatus"]!.AsArray();
            return counts.Count == 1 && (string)counts[0]!["status"]! == "SUCCEEDED" && (int)counts[0]!["count"]! == queued;
        }, "every execution counted SUCCEEDED");
    }

    private readonly Dictionary<string, long> _sessions = new(StringComparer.Ordinal);
    private long _lifecycleVersion;

    private async Task ConnectAsync(string thing)
    {
        var version = _sessions[thing] = ++_lifecycleVersion;
        await silo.Vehicle(thing).HandleLifecycleEventAsync(PresenceEventType.Connected, Encoding.UTF8.GetBytes(Plan.Lifecycle(thing, "connected", version, version * 1000)));
    }

    private async Task DisconnectAsync(string thing)
    {
        var version = _sessions[thing];
        await silo.Vehicle(thing).HandleLifecycleEventAsync(PresenceEventType.Disconnected, Encoding.UTF8.GetBytes(Plan.Lifecycle(thing, "disconnected", version, (version * 1000) + 500, "CLIENT_INITIATED_DISCONNECT")));
    }

    /// <summary>The connection changes a subscriber reports, up to and including the first of <paramref name="thing"/>.</summary>
    private static async Task<List<(string Thing, bool Connected)>> ChangesUntilAsync(NodeClient subscriber, string thing)
    {
        var changes = new List<(string Thing, bool Connected)>();
        while (changes.Count == 0 || changes[^1].Thing != thing)
        {
            var line = await subscriber.NextAsync();
            Assert.Null(line["error"]);
            if (line["next"]?["data"]?["connectionChanged"] is { } change)
            {
                changes.Add(((string)change["thingName"]!, (bool)change["connected"]!));
            }
        }

        return changes;
    }

    /// <summary>
    /// Connects and disconnects <paramref name="probe"/> until the subscriber reports it; then connects
    /// <paramref name="barrier"/> and reads up to its change, so whatever the probe left in flight is consumed.
    /// </summary>
    private async Task WaitUntilConnectionSubscribedAsync(NodeClient subscriber, string probe, string barrier)
    {
        Assert.True((bool)(await subscriber.NextAsync())["connected"]!);
        await Poll.UntilAsync(async () =>
        {
            await ConnectAsync(probe);
            await DisconnectAsync(probe);
            while (subscriber.TryTake(out var line))
            {
                Assert.Null(line["error"]);
                if ((string?)line["next"]?["data"]?["connectionChanged"]?["thingName"] == probe)
                {
                    return true;
                }
            }

            return false;
        }, "the subscription to be registered");

        await ConnectAsync(barrier);
        Assert.All(await ChangesUntilAsync(subscriber, barrier), c => Assert.Contains(c.Thing, new[] { probe, barrier }));
    }

    /// <summary>The server registers the grain observer after the client's subscribe: probe with critical-message changes until one arrives.</summary>
    private static async Task WaitUntilSubscribedAsync(NodeClient subscriber, FleetApiClient api, string thing)
    {
        Assert.True((bool)(await subscriber.NextAsync())["connected"]!);
        await Poll.UntilAsync(async () =>
        {
            await api.DataAsync($$"""mutation { clearCriticalMessage(input: { thingName: "{{thing}}" }) { errors { __typename } } }""");
            while (subscriber.TryTake(out var line))
            {
                if (line["next"]?["data"]?["vehicleChanged"]?["kind"]?.ToString() == "CRITICAL_MESSAGE")
                {
                    return true;
                }

                Assert.Null(line["error"]);
            }

            return false;
        }, "the subscription to be registered");
    }
}
