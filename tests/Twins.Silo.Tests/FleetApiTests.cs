using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Telemetry;
using Twins.GraphQL.Types;
using Twins.Silo.Api;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>The fleet GraphQL API through real HTTP against a real silo: schema, paging, roles, mutations reaching a paho vehicle.</summary>
public sealed class FleetApiTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string Fleet = "fleetapi-";

    private FleetApiClient Client(string role, params string[] vehicles) =>
        new(silo.BaseAddress, silo.App.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("test-" + role, role, role == "owner" ? vehicles : null, TimeSpan.FromHours(1)));

    private IFleetIndex Index => silo.App.Services.GetRequiredService<IFleetIndex>();

    /// <summary>
    /// Prints the served schema to Silo/schema.graphql so schema changes show in review. When the file was out of date
    /// the test rewrites it and fails once, so a clean checkout (CI) catches a change that was not committed. The file is
    /// replaced by a rename, never truncated in place: the introspection test may be reading it at the same time.
    /// </summary>
    [Fact]
    public void Schema_PrintedToSiloSchemaGraphql()
    {
        var builder = SchemaBuilder.New().AddTypeDefinitions(FleetApiServiceCollectionExtensions.Sdl);
        FleetApiServiceCollectionExtensions.Configure(builder);
        var printed = builder.Create().Print();
        var path = Path.Combine(RepositoryPaths.Root, "Silo", "schema.graphql");
        var upToDate = File.Exists(path) && File.ReadAllText(path) == printed;
        if (!upToDate)
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, printed);
            File.Move(temporary, path, overwrite: true);
        }

        Assert.True(upToDate, "Silo/schema.graphql was not the schema the silo serves; the test has rewritten it: review and commit the change.");
        Assert.Contains("type Vehicle implements Node", printed, StringComparison.Ordinal);
        Assert.Contains("updateDesiredState(input: UpdateDesiredStateInput!): UpdateDesiredStatePayload!", printed, StringComparison.Ordinal);
        Assert.Contains("cancelCommand(input: CancelCommandInput!): CancelCommandPayload!", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_GetsNothing_IntrospectionIncluded()
    {
        using var anonymous = new FleetApiClient(silo.BaseAddress, null);
        var introspection = await anonymous.SendAsync("{ __schema { queryType { name } } }");
        Assert.NotNull(introspection["errors"]);
        Assert.Null(introspection["data"]?["__schema"]);

        await SeedAsync(3, "anon-");
        var list = await anonymous.SendAsync("{ vehicles(first: 5) { totalCount nodes { thingName } } }");
        Assert.Equal(0, (int)list["data"]!["vehicles"]!["totalCount"]!);
    }

    [Fact]
    public async Task Vehicles_PagesForwardsAndBackwardsOverAThousand_WithFilterAndSort()
    {
        await SeedAsync(1000, Fleet);
        using var client = Client("operator");
        const string Query = """
            query($after: String, $before: String, $first: Int, $last: Int) {
              vehicles(first: $first, after: $after, last: $last, before: $before,
                       where: { thingName: { startsWith: "fleetapi-" }, connected: { eq: true } },
                       order: [{ shadowVersion: DESC }]) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                nodes { thingName shadowVersion }
              }
            }
            """;
        var forwards = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await client.DataAsync(Query, new { first = 100, after }))["vehicles"]!;
            Assert.Equal(500, (int)page["totalCount"]!);
            forwards.AddRange(page["nodes"]!.AsArray().Select(n => (string)n!["thingName"]!));
            if (!(bool)page["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            after = (string)page["pageInfo"]!["endCursor"]!;
        }

        var expected = Enumerable.Range(0, 1000).Where(i => i % 2 == 0).OrderByDescending(i => i).Select(i => $"{Fleet}{i:D4}").ToList();
        Assert.Equal(expected, forwards);

        var backwards = new List<string>();
        string? before = null;
        while (true)
        {
            var page = (await client.DataAsync(Query, new { last = 30, before }))["vehicles"]!;
            backwards.InsertRange(0, page["nodes"]!.AsArray().Select(n => (string)n!["thingName"]!));
            if (!(bool)page["pageInfo"]!["hasPreviousPage"]!)
            {
                break;
            }

            before = (string)page["pageInfo"]!["startCursor"]!;
        }

        Assert.Equal(expected, backwards);
    }

    [Fact]
    public async Task Vehicles_FirstOverHundred_Refused()
    {
        using var client = Client("operator");
        var result = await client.SendAsync("{ vehicles(first: 101) { totalCount } }");
        Assert.Contains("at most 100", result["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_CannotSeeOrTouchAnotherOwnersVehicle()
    {
        await SeedAsync(2, "owned-");
        using var owner = Client("owner", "owned-0000");
        using var operatorClient = Client("operator");
        var otherId = (string)(await operatorClient.DataAsync("""{ vehicle(thingName: "owned-0001") { id } }"""))["vehicle"]!["id"]!;

        var data = await owner.DataAsync($$"""
            {
              mine: vehicle(thingName: "owned-0000") { thingName }
              other: vehicle(thingName: "owned-0001") { thingName }
              node(id: "{{otherId}}") { id }
              vehicles(first: 10, where: { thingName: { startsWith: "owned-" } }) { totalCount nodes { thingName } }
            }
            """);
        Assert.Equal("owned-0000", (string)data["mine"]!["thingName"]!);
        Assert.Null(data["other"]);
        Assert.Null(data["node"]);
        Assert.Equal(1, (int)data["vehicles"]!["totalCount"]!);

        var mutation = await owner.DataAsync("""
            mutation { sendCommand(input: { thingName: "owned-0001", command: "unlock" }) { commandExecution { id } errors { __typename ... on Error { message } } } }
            """);
        Assert.Null(mutation["sendCommand"]!["commandExecution"]);
        Assert.Equal("VehicleNotFoundError", (string)mutation["sendCommand"]!["errors"]![0]!["__typename"]!);
        Assert.Empty(await silo.Vehicle("owned-0001").GetCommandsAsync());
    }

    [Fact]
    public async Task UpdateDesiredState_ReachesPahoVehicleAsDelta_AndStaleVersionConflicts()
    {
        const string Thing = "api-shadow-1";
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"$aws/things/{Thing}/shadow/update/delta"),
            Plan.Connected(1),
            Plan.Expect(1),
            Plan.Publish($"$aws/things/{Thing}/shadow/update", """{"state":{"reported":{"hvac":{"target":21}}}}""")));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");
        using var client = Client("operator");

        var update = await client.DataAsync("""
            mutation { updateDesiredState(input: { thingName: "api-shadow-1", desired: { hvac: { target: 21 } } }) {
              shadow { version desired } errors { __typename } } }
            """);
        Assert.Equal(21, (int)update["updateDesiredState"]!["shadow"]!["desired"]!["hvac"]!["target"]!);

        var received = await device;
        var delta = Assert.Single(received);
        Assert.Equal(21, (int)delta.Json["state"]!["hvac"]!["target"]!);
        await Poll.UntilAsync(async () =>
        {
            var shadow = (await client.DataAsync("""{ vehicle(thingName: "api-shadow-1") { shadow { reported delta } } }"""))["vehicle"]!["shadow"]!;
            return shadow["reported"] is JsonObject && shadow["delta"] is null;
        }, "the vehicle's reported answer");

        var conflict = await client.DataAsync("""
            mutation { updateDesiredState(input: { thingName: "api-shadow-1", desired: { hvac: { target: 19 } }, expectedVersion: 1 }) {
              shadow { version } errors { __typename ... on VersionConflictError { expectedVersion } } } }
            """);
        Assert.Equal("VersionConflictError", (string)conflict["updateDesiredState"]!["errors"]![0]!["__typename"]!);
    }

    [Fact]
    public async Task SendCommand_EndsSucceededWithResult()
    {
        const string Thing = "api-cmd-1";
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"$aws/commands/things/{Thing}/executions/+/request/json"), Plan.Connected(1), Plan.Respond("SUCCEEDED")));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");
        using var client = Client("operator");

        var sent = await client.DataAsync("""
            mutation { sendCommand(input: { thingName: "api-cmd-1", command: "unlock", parameters: { door: "driver" }, timeout: 120 }) {
              commandExecution { id status } errors { __typename } } }
            """);
        var id = (string)sent["sendCommand"]!["commandExecution"]!["id"]!;
        await device;

        JsonNode? execution = null;
        await Poll.UntilAsync(async () =>
        {
            execution = (await client.DataAsync("query($id: ID!) { commandExecution(id: $id) { status result command } }", new { id }))["commandExecution"];
            return (string?)execution?["status"] == "SUCCEEDED";
        }, "the vehicle's result");
        Assert.True((bool)execution!["result"]!["ok"]!);
        Assert.Equal("unlock", (string)execution["command"]!);
    }

    [Fact]
    public async Task CancelCommand_QueuedForOfflineVehicle_NeverDeliveredOnConnect_AndDeliveredOneIsNotCancelable()
    {
        const string Thing = "api-cancel-1";
        var now = silo.Time.GetUtcNow();
        await Index.UpsertVehicleAsync(new FleetVehicleState(Thing, null, false, now, 0, null, now));
        using var client = Client("operator");
        using var owner = Client("owner", Thing);
        using var stranger = Client("owner", "api-cancel-other");
        const string Cancel = """
            mutation($id: String!) { cancelCommand(input: { thingName: "api-cancel-1", executionId: $id }) {
              commandExecution { executionId status reasonCode deliveredAt }
              errors { __typename ... on Error { message } ... on CommandNotCancelableError { executionId status } ... on CommandExecutionNotFoundError { executionId } } } }
            """;
        foreach (var (id, command) in new[] { ("cancel-me", "honk"), ("keep-me", "unlock") })
        {
            var sent = await client.DataAsync($$"""
                mutation { sendCommand(input: { thingName: "{{Thing}}", command: "{{command}}", executionId: "{{id}}", timeout: 600 }) { commandExecution { status } } }
                """);
            Assert.Equal("QUEUED", (string)sent["sendCommand"]!["commandExecution"]!["status"]!);
        }

        var foreign = (await stranger.DataAsync(Cancel, new { id = "cancel-me" }))["cancelCommand"]!;
        Assert.Null(foreign["commandExecution"]);
        Assert.Equal("VehicleNotFoundError", (string)foreign["errors"]![0]!["__typename"]!);

        var canceled = (await owner.DataAsync(Cancel, new { id = "cancel-me" }))["cancelCommand"]!;
        Assert.Null(canceled["errors"]);
        Assert.Equal("CANCELED", (string)canceled["commandExecution"]!["status"]!);
        Assert.Equal("$CANCELED", (string)canceled["commandExecution"]!["reasonCode"]!);
        var again = (await client.DataAsync(Cancel, new { id = "cancel-me" }))["cancelCommand"]!;
        Assert.Null(again["errors"]);
        Assert.Equal("CANCELED", (string)again["commandExecution"]!["status"]!);
        var summary = (await owner.DataAsync("{ fleetSummary { byCommandStatus { status count } } }"))["fleetSummary"]!;
        Assert.Equal("CANCELED:1,QUEUED:1", Counts(summary["byCommandStatus"]!));

        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"$aws/commands/things/{Thing}/executions/+/request/json"), Plan.Connected(1), Plan.Expect(1)));

        Assert.Equal("keep-me", Assert.Single(received).Correlation);
        var statuses = await client.DataAsync("""{ vehicle(thingName: "api-cancel-1") { canceled: commands(status: CANCELED) { nodes { executionId deliveredAt } } } }""");
        var stillCanceled = Assert.Single(statuses["vehicle"]!["canceled"]!["nodes"]!.AsArray())!;
        Assert.Equal("cancel-me", (string)stillCanceled["executionId"]!);
        Assert.Null(stillCanceled["deliveredAt"]);

        var delivered = (await client.DataAsync(Cancel, new { id = "keep-me" }))["cancelCommand"]!;
        var error = delivered["errors"]![0]!;
        Assert.Equal("CommandNotCancelableError", (string)error["__typename"]!);
        Assert.Equal("CREATED", (string)error["status"]!);
        Assert.Equal("CREATED", (string)delivered["commandExecution"]!["status"]!);
        var unknown = (await client.DataAsync(Cancel, new { id = "no-such" }))["cancelCommand"]!;
        Assert.Equal("CommandExecutionNotFoundError", (string)unknown["errors"]![0]!["__typename"]!);
        Assert.Null(unknown["commandExecution"]);
    }

    [Fact]
    public async Task Vehicles_RowsWrittenBetweenPages_NeitherRepeatNorSkip_AndForeignCursorsAreRefused()
    {
        await SeedAsync(30, "keyset-");
        using var client = Client("operator");
        const string Query = """
            query($after: String) {
              vehicles(first: 10, after: $after, where: { thingName: { startsWith: "keyset-" } }, order: [{ shadowVersion: DESC }]) {
                totalCount pageInfo { hasNextPage endCursor } nodes { thingName }
              }
            }
            """;
        var first = (await client.DataAsync(Query, new { after = (string?)null }))["vehicles"]!;
        var now = silo.Time.GetUtcNow();
        await Index.UpsertVehicleAsync(new FleetVehicleState("keyset-new", null, true, now, 1_000, null, now)); // sorts first

        var names = first["nodes"]!.AsArray().Select(n => (string)n!["thingName"]!).ToList();
        var after = (string?)first["pageInfo"]!["endCursor"];
        while (after is not null)
        {
            var page = (await client.DataAsync(Query, new { after }))["vehicles"]!;
            Assert.Equal(31, (int)page["totalCount"]!);
            names.AddRange(page["nodes"]!.AsArray().Select(n => (string)n!["thingName"]!));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string)page["pageInfo"]!["endCursor"]! : null;
        }

        Assert.Equal(Enumerable.Range(0, 30).Reverse().Select(i => $"keyset-{i:D4}"), names);

        var foreign = await client.SendAsync("""query($after: String) { vehicles(first: 10, after: $after, order: [{ vin: ASC }]) { totalCount } }""", new { after = (string)first["pageInfo"]!["endCursor"]! });
        Assert.Equal("INVALID_CURSOR", (string)foreign["errors"]![0]!["extensions"]!["code"]!);
        var garbage = await client.SendAsync("""{ vehicles(first: 10, after: "not-a-cursor") { totalCount } }""");
        Assert.Equal("INVALID_CURSOR", (string)garbage["errors"]![0]!["extensions"]!["code"]!);
    }

    [Fact]
    public async Task Telemetry_Every_AggregatesTheSinksSamplesIntoBuckets()
    {
        const string Thing = "api-tele-1";
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await Index.UpsertVehicleAsync(new FleetVehicleState(Thing, null, true, t0, 0, null, t0));
        for (var i = 0; i <= 60; i++)
        {
            await silo.Sink.WriteAsync(Thing, new TelemetrySample(t0.AddSeconds(i), i + 1, [new TelemetrySignal("speed", TelemetryValue.FromNumber(i)), new TelemetrySignal("door", TelemetryValue.FromBoolean(i % 2 == 0))]));
        }

        using var client = Client("operator");
        var vehicle = (await client.DataAsync("""
            query($from: DateTime!, $to: DateTime!) {
              vehicle(thingName: "api-tele-1") {
                buckets: telemetry(signals: ["speed", "door"], from: $from, to: $to, every: 20) { signal points { time value min max count } }
                raw: telemetry(signals: ["door"], from: $from, to: $to) { signal points { time value count } }
              }
            }
            """, new { from = t0, to = t0.AddSeconds(60) }))["vehicle"]!;

        var speed = vehicle["buckets"]![0]!;
        Assert.Equal("speed", (string)speed["signal"]!);
        var buckets = speed["points"]!.AsArray();
        Assert.Equal([t0, t0.AddSeconds(20), t0.AddSeconds(40)], buckets.Select(b => DateTimeOffset.Parse((string)b!["time"]!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([9.5, 29.5, 49.5], buckets.Select(b => (double)b!["value"]!));
        Assert.Equal([0.0, 20, 40], buckets.Select(b => (double)b!["min"]!));
        Assert.Equal([19.0, 39, 59], buckets.Select(b => (double)b!["max"]!));
        Assert.All(buckets, b => Assert.Equal(20, (int)b!["count"]!)); // the sample at `to` is outside [from, to)
        Assert.Empty(vehicle["buckets"]![1]!["points"]!.AsArray()); // booleans have no mean

        var raw = vehicle["raw"]![0]!["points"]!.AsArray();
        Assert.Equal(60, raw.Count);
        Assert.Equal([true, false, true], raw.Take(3).Select(p => (bool)p!["value"]!));
    }

    [Fact]
    public async Task Limits_DepthCostAndPageSizes_RejectedWithGraphQLErrors()
    {
        using var client = Client("operator");
        var now = silo.Time.GetUtcNow();
        await Index.UpsertVehicleAsync(new FleetVehicleState("limits-1", null, false, now, 0, null, now));

        var deep = await client.SendAsync("{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } }");
        Assert.Null(deep["data"]);
        Assert.Equal("LIMIT_EXCEEDED", (string)deep["errors"]![0]!["extensions"]!["code"]!);
        Assert.Contains("depth of 17, over the maximum of 15", (string)deep["errors"]![0]!["message"]!, StringComparison.Ordinal);

        // Lists multiply by their page sizes: 100 vehicles x 100 commands is over the budget, 10 x 10 is not.
        var costly = await client.SendAsync("{ vehicles(first: 100) { nodes { commands(first: 100) { nodes { executionId status } } } } }");
        Assert.Null(costly["data"]);
        Assert.Equal("LIMIT_EXCEEDED", (string)costly["errors"]![0]!["extensions"]!["code"]!);
        Assert.Contains("cost of", (string)costly["errors"]![0]!["message"]!, StringComparison.Ordinal);
        await client.DataAsync("{ vehicles(first: 10) { nodes { commands(first: 10) { nodes { executionId status } } } } }");

        foreach (var query in new[]
        {
            "{ vehicles(last: 101) { totalCount } }",
            "{ certificates(first: 101) { totalCount } }",
            """{ vehicle(thingName: "limits-1") { commands(first: 101) { totalCount } } }""",
        })
        {
            var refused = await client.SendAsync(query);
            Assert.Equal("MAX_PAGE_SIZE", (string)refused["errors"]![0]!["extensions"]!["code"]!);
        }
    }

    [Fact]
    public async Task ApiKeyFromConfiguration_ServiceRole_ListsTheFleetButCannotManageTheAllowList()
    {
        await SeedAsync(3, "svc-");
        using var service = new FleetApiClient(silo.BaseAddress, null, SiloFixture.ServiceApiKey);
        var listed = await service.DataAsync("""{ vehicles(first: 5, where: { thingName: { startsWith: "svc-" } }) { totalCount } }""");
        Assert.Equal(3, (int)listed["vehicles"]!["totalCount"]!);

        var denied = await service.DataAsync("""mutation { authorizeVehicle(input: { vin: "WVWZZZ1JZSVC00001" }) { vin errors { __typename } } }""");
        Assert.Equal("NotAuthorizedError", (string)denied["authorizeVehicle"]!["errors"]![0]!["__typename"]!);

        // A wrong key is an error the caller sees (401), not an anonymous caller with an empty fleet.
        using var wrongKey = new FleetApiClient(silo.BaseAddress, null, "not-the-configured-key");
        var (status, challenge, body) = await wrongKey.SendWithStatusAsync("""{ vehicles(first: 5, where: { thingName: { startsWith: "svc-" } }) { totalCount } }""");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("ApiKey error=\"invalid_key\"", challenge, StringComparison.Ordinal);
        var refused = JsonNode.Parse(body)!;
        Assert.Equal("The API key is not valid.", (string)refused["errors"]![0]!["message"]!);
        Assert.Null(refused["data"]);
    }

    [Fact]
    public async Task FleetSummary_CountsCommandsByStatusAndCertificatesFromTheIndex_WithinTheOwnersScope()
    {
        var now = silo.Time.GetUtcNow();
        await Index.UpsertVehicleAsync(new FleetVehicleState("sum-1", null, true, now, 1, null, now) { CommandCounts = new Dictionary<string, int> { ["SUCCEEDED"] = 2, ["QUEUED"] = 1 } });
        await Index.UpsertVehicleAsync(new FleetVehicleState("sum-2", null, false, now, 1, null, now) { CommandCounts = new Dictionary<string, int> { ["FAILED"] = 1 } });
        await Index.UpsertCertificateAsync(Certificate("sum-cert-1", "sum-1", "ACTIVE", now.AddDays(10), now), now);
        await Index.UpsertCertificateAsync(Certificate("sum-cert-2", "sum-1", "INACTIVE", now.AddDays(300), now.AddDays(-1)), now);
        await Index.UpsertCertificateAsync(Certificate("sum-cert-3", "sum-2", "ACTIVE", now.AddDays(100), now), now);
        using var owner = Client("owner", "sum-1", "sum-2");

        var summary = (await owner.DataAsync("""
            { fleetSummary { total connected disconnected
                byCommandStatus { status count } byCertificateStatus { status count } vehiclesByCertificateStatus { status count }
                soon: certificatesExpiring certificatesExpiring(days: 120) } }
            """))["fleetSummary"]!;
        Assert.Equal(2, (int)summary["total"]!);
        Assert.Equal(1, (int)summary["connected"]!);
        Assert.Equal("FAILED:1,QUEUED:1,SUCCEEDED:2", Counts(summary["byCommandStatus"]!));
        Assert.Equal("ACTIVE:2,INACTIVE:1", Counts(summary["byCertificateStatus"]!));
        Assert.Equal("ACTIVE:2", Counts(summary["vehiclesByCertificateStatus"]!));
        Assert.Equal(1, (int)summary["soon"]!);
        Assert.Equal(2, (int)summary["certificatesExpiring"]!);

        // The fleet-wide list pages the same index, filtered and ordered by expiry.
        var listed = (await owner.DataAsync("""
            { certificates(first: 1, where: { status: { eq: ACTIVE } }, order: [{ notAfter: DESC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { certificateId thingName } } }
            """))["certificates"]!;
        Assert.Equal(2, (int)listed["totalCount"]!);
        Assert.Equal("sum-cert-3", (string)listed["nodes"]![0]!["certificateId"]!);
        var next = (await owner.DataAsync("""
            query($after: String) { certificates(first: 5, after: $after, where: { status: { eq: ACTIVE } }, order: [{ notAfter: DESC }]) { pageInfo { hasNextPage hasPreviousPage } nodes { certificateId } } }
            """, new { after = (string)listed["pageInfo"]!["endCursor"]! }))["certificates"]!;
        Assert.Equal(["sum-cert-1"], next["nodes"]!.AsArray().Select(n => (string)n!["certificateId"]!));
        Assert.False((bool)next["pageInfo"]!["hasNextPage"]!);
        Assert.True((bool)next["pageInfo"]!["hasPreviousPage"]!);

        using var stranger = Client("owner", "someone-else");
        var none = (await stranger.DataAsync("{ fleetSummary { total byCommandStatus { count } byCertificateStatus { count } certificatesExpiring(days: 3650) } }"))["fleetSummary"]!;
        Assert.Equal(0, (int)none["total"]!);
        Assert.Empty(none["byCommandStatus"]!.AsArray());
        Assert.Empty(none["byCertificateStatus"]!.AsArray());
        Assert.Equal(0, (int)none["certificatesExpiring"]!);
    }

    private static string Counts(JsonNode list) =>
        string.Join(',', list.AsArray().Select(c => $"{(string)c!["status"]!}:{(int)c["count"]!}"));

    private static CertificateInfo Certificate(string id, string thing, string status, DateTimeOffset notAfter, DateTimeOffset createdAt) => new()
    {
        CertificateId = id,
        SerialNumber = "01",
        CommonName = thing,
        ThingName = thing,
        Status = status,
        CreatedAt = createdAt,
        NotBefore = createdAt,
        NotAfter = notAfter,
    };

    private async Task SeedAsync(int count, string prefix)
    {
        var now = silo.Time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            await Index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}{i:D4}", null, i % 2 == 0, now, i, null, now));
        }
    }
}
