using System.Text.Json.Nodes;
using Twins.Grains.Interfaces.Certificates;
using Twins.Testing;

namespace Twins.Silo.Tests.Gateway;

/// <summary>
/// Issue 7's bad input through a real mosquitto, the gateway and the silo, with python3-paho-mqtt as the
/// device: each gets the contract's error reply where one exists and is otherwise counted and logged without
/// flooding; nothing is written for it and other vehicles are served.
/// </summary>
public sealed class GatewayBadInputEndToEndTests(GatewayBadInputFixture silo) : IClassFixture<GatewayBadInputFixture>
{
    [Fact]
    public async Task ShadowRequests_MoreThanTenInFlightForOneThing_ExcessAnswered429WithTheirTokens()
    {
        const string Thing = "car-bad-flood";
        var prefix = $"$aws/things/{Thing}/shadow";
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var worker in silo.Gateway.Workers)
        {
            // The first request stays in hand until released, so the ones behind it are in flight too.
            worker.BeforeAcknowledgeAsync = m => m.Topic.StartsWith(prefix, StringComparison.Ordinal) ? release.Task : Task.CompletedTask;
        }

        try
        {
            var before = silo.Counters.Rejected.GetValueOrDefault("shadow-429");
            var plan = Plan.Of(Plan.Subscribe($"{prefix}/update/accepted"), Plan.Subscribe($"{prefix}/update/rejected"));
            for (var i = 0; i < 15; i++)
            {
                plan.Add(Plan.Publish($"{prefix}/update", Update(new JsonObject { ["n"] = i }, $"t{i}")));
            }

            plan.Add(Plan.Expect(15));
            var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, plan);
            await Poll.UntilAsync(() => silo.Counters.Rejected.GetValueOrDefault("shadow-429") >= before + 5, "five requests refused with 429");
            release.SetResult();
            var received = await device;

            var rejected = received.Where(m => m.Topic == $"{prefix}/update/rejected").Select(m => m.Json).ToList();
            Assert.Equal(["t10", "t11", "t12", "t13", "t14"], rejected.Select(r => (string?)r["clientToken"]));
            Assert.All(rejected, r => Assert.Equal((429, "Too Many Requests"), ((int)r["code"]!, (string?)r["message"])));
            var accepted = received.Where(m => m.Topic == $"{prefix}/update/accepted").Select(m => m.Json).ToList();
            Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), accepted.Select(a => (long)a["version"]!));
            Assert.Equal(before + 5, silo.Counters.Rejected["shadow-429"]);
            Assert.Equal(10, (await silo.Vehicle(Thing).GetShadowAsync(null)).Version);
        }
        finally
        {
            foreach (var worker in silo.Gateway.Workers)
            {
                worker.BeforeAcknowledgeAsync = null;
            }

            release.TrySetResult();
        }
    }

    [Fact]
    public async Task LifecycleEvents_UnknownVehicle_NothingWrittenCountedAndLoggedOnce()
    {
        const string Stranger = "car-bad-stranger";
        const string Known = "car-bad-known";
        const string Provisioned = "car-bad-provisioned";
        await silo.Grains.GetGrain<IVehicleCertificatesGrain>(Provisioned).OnProvisionedAsync("cert-bad-provisioned");
        var before = silo.Counters.Handled;
        var unknown = silo.Counters.Rejected.GetValueOrDefault("lifecycle-unknown-vehicle");

        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-bad-life", Plan.Of(
            Plan.Publish($"$aws/events/presence/connected/{Stranger}", Plan.Lifecycle(Stranger, "connected", 1, 1000)),
            Plan.Publish($"$aws/events/presence/disconnected/{Stranger}", Plan.Lifecycle(Stranger, "disconnected", 1, 2000, "CONNECTION_LOST")),
            Plan.Publish($"$aws/things/{Known}/shadow/update", """{"state":{"reported":{"soc":80}}}"""),
            Plan.Publish($"$aws/events/presence/connected/{Known}", Plan.Lifecycle(Known, "connected", 1, 1000)),
            Plan.Publish($"$aws/events/presence/connected/{Provisioned}", Plan.Lifecycle(Provisioned, "connected", 1, 1000))));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 5, "five messages handled");

        Assert.Equal(unknown + 2, silo.Counters.Rejected["lifecycle-unknown-vehicle"]);
        Assert.Null(await silo.FleetIndex.GetAsync(Stranger));
        var stranger = await silo.Vehicle(Stranger).GetConnectionAsync();
        Assert.Equal((false, null), (stranger.Connected, stranger.VersionNumber));
        Assert.True((await silo.Vehicle(Known).GetConnectionAsync()).Connected);
        Assert.True((await silo.Vehicle(Provisioned).GetConnectionAsync()).Connected);
        Assert.NotNull(await silo.FleetIndex.GetAsync(Provisioned));
        Assert.Single(silo.Logs.Lines, l => l.Message.Contains("(lifecycle-unknown-vehicle)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShadowUpdate_OversizeAndWrongTypes_ContractErrorsThenAValidUpdateIsApplied()
    {
        const string Thing = "car-bad-types";
        var prefix = $"$aws/things/{Thing}/shadow";
        var big = Update(new JsonObject { ["blob"] = new string('x', 130 * 1024) }, "big");
        var beforeTooLarge = silo.Counters.Rejected.GetValueOrDefault("payload-too-large");

        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"{prefix}/update/+"),
            Plan.Publish($"{prefix}/update", big),
            Plan.Expect(1),
            Plan.Publish($"{prefix}/update", """{"state":"on","clientToken":"s"}"""),
            Plan.Expect(2),
            Plan.Publish($"{prefix}/update", """{"state":{"reported":{"a":1}},"version":"7","clientToken":"v"}"""),
            Plan.Expect(3),
            Plan.Publish($"twins/vehicles/{Thing}/telemetry", new JsonObject { ["seq"] = 1, ["signals"] = new JsonObject { ["blob"] = new string('x', 130 * 1024) } }.ToJsonString()),
            Plan.Publish($"{prefix}/update", """{"state":{"reported":{"a":1}},"clientToken":"ok"}"""),
            Plan.Expect(5)));

        var rejected = received.Where(m => m.Topic == $"{prefix}/update/rejected").Select(m => m.Json).ToList();
        Assert.Equal(
            [(413, "The payload exceeds the maximum size allowed", "big"), (400, "State node must be an object", "s"), (400, "Invalid version", "v")],
            rejected.Select(r => ((int)r["code"]!, (string?)r["message"], (string?)r["clientToken"])));
        var accepted = Assert.Single(received, m => m.Topic == $"{prefix}/update/accepted").Json;
        Assert.Equal((1L, "ok"), ((long)accepted["version"]!, (string?)accepted["clientToken"]));
        await Poll.UntilAsync(() => silo.Counters.Rejected.GetValueOrDefault("payload-too-large") == beforeTooLarge + 1, "the oversize telemetry counted");
        Assert.Null((await silo.Vehicle(Thing).GetTelemetryAsync()).LastSeq);
    }

    [Fact]
    public async Task BadTelemetryFloodAndUnknownTopics_EachCountedOnceLoggedOncePerKind_OtherVehicleServed()
    {
        var before = silo.Counters.Handled;
        var invalid = silo.Counters.Rejected.GetValueOrDefault("telemetry-InvalidJson");
        var unknownTopic = silo.Counters.Rejected.GetValueOrDefault("unknown-topic");
        var plan = Plan.Of();
        for (var i = 0; i < 30; i++)
        {
            plan.Add(Plan.Publish("twins/vehicles/car-bad-flood-tel/telemetry", "{{{"));
        }

        plan.Add(Plan.Publish("$aws/things/not.a.thing/shadow/update", """{"state":{}}"""));
        plan.Add(Plan.Publish("twins/vehicles/not.a.thing/telemetry", """{"seq":1,"signals":{}}"""));
        plan.Add(Plan.Publish("twins/vehicles/car-bad-good-tel/telemetry", """{"timestamp":1767225600000,"seq":3,"signals":{"soc":64}}"""));
        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-bad-flood", plan);
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 33, "33 messages handled");

        Assert.Equal(invalid + 30, silo.Counters.Rejected["telemetry-InvalidJson"]);
        Assert.Equal(unknownTopic + 2, silo.Counters.Rejected["unknown-topic"]);
        Assert.Single(silo.Logs.Lines, l => l.Message.Contains("(telemetry-InvalidJson)", StringComparison.Ordinal));
        Assert.Single(silo.Logs.Lines, l => l.Message.Contains("(unknown-topic)", StringComparison.Ordinal));
        Assert.Equal(64, (await silo.Vehicle("car-bad-good-tel").GetTelemetryAsync()).Signals["soc"].Value.Number);
    }

    [Fact]
    public async Task Acl_VehicleWritesAnotherVehiclesTopics_BrokerRefusesAndTheOtherTwinIsUnchanged()
    {
        const string Victim = "car-acl-victim";
        const string Attacker = "car-acl-attacker";
        var victimPrefix = $"$aws/things/{Victim}/shadow";
        var attackerPrefix = $"$aws/things/{Attacker}/shadow";
        await PahoDevice.RunAsync(silo.Broker.TlsPort!.Value, Victim, Plan.Of(
            Plan.Subscribe($"{victimPrefix}/update/accepted"),
            Plan.Publish($"{victimPrefix}/update", """{"state":{"reported":{"locked":true}}}"""),
            Plan.Expect(1),
            Plan.Connected(1)), silo.VehicleTls(Victim));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Victim).GetConnectionAsync()).VersionNumber == 1, "the victim's connected event");
        var handled = silo.Counters.Handled;

        // Over mutual TLS the certificate's CN is the user name, and the ACL's %u patterns confine it to its own topics.
        var received = await PahoDevice.RunAsync(silo.Broker.TlsPort!.Value, Attacker, Plan.Of(
            Plan.Subscribe($"{attackerPrefix}/update/accepted"),
            Plan.Subscribe($"{victimPrefix}/update/accepted"),
            Plan.Publish($"{victimPrefix}/update", """{"state":{"desired":{"locked":false}}}"""),
            Plan.Publish($"$aws/events/presence/disconnected/{Victim}", Plan.Lifecycle(Victim, "disconnected", 9, 9000, "CLIENT_INITIATED_DISCONNECT")),
            Plan.Publish($"$aws/commands/things/{Victim}/executions/forged-1/response/json", """{"status":"SUCCEEDED"}"""),
            Plan.Publish($"{attackerPrefix}/update", """{"state":{"reported":{"x":1}}}"""),
            Plan.Expect(1)), silo.VehicleTls(Attacker));

        var only = Assert.Single(received);
        Assert.Equal($"{attackerPrefix}/update/accepted", only.Topic);

        // The victim asks for its shadow: anything of the attacker's that got past the broker would be ahead of this
        // request in the victim's lane.
        var got = await PahoDevice.RunAsync(silo.Broker.TlsPort!.Value, Victim, Plan.Of(
            Plan.Subscribe($"{victimPrefix}/get/accepted"),
            Plan.Publish($"{victimPrefix}/get", ""),
            Plan.Expect(1)), silo.VehicleTls(Victim));
        var victim = Assert.Single(got).Json;
        Assert.Equal(1, (long)victim["version"]!);
        Assert.True((bool)victim["state"]!["reported"]!["locked"]!);
        Assert.Null(victim["state"]!["desired"]);
        var connection = await silo.Vehicle(Victim).GetConnectionAsync();
        Assert.Equal((true, 1L), (connection.Connected, connection.VersionNumber));
        Assert.Empty(await silo.Vehicle(Victim).GetCommandsAsync());
        await Poll.UntilAsync(() => silo.Counters.Handled >= handled + 2, "the attacker's own update and the victim's get");
        Assert.Equal(handled + 2, silo.Counters.Handled);
    }

    private static string Update(JsonObject reported, string clientToken) =>
        new JsonObject { ["state"] = new JsonObject { ["reported"] = reported }, ["clientToken"] = clientToken }.ToJsonString();
}
