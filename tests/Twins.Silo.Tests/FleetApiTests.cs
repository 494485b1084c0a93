using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
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
        new(silo.BaseAddress, silo.App.Services.GetRequiredService<ApiTokenValidator>().IssueToken("test-" + role, role, role == "owner" ? vehicles : null, TimeSpan.FromHours(1)));

    private IFleetIndex Index => silo.App.Services.GetRequiredService<IFleetIndex>();

    [Fact]
    public void Schema_PrintedToSiloSchemaGraphql()
    {
        var builder = SchemaBuilder.New().AddTypeDefinitions(FleetApiServiceCollectionExtensions.Sdl);
        FleetApiServiceCollectionExtensions.Configure(builder);
        var printed = builder.Create().Print();
        var path = Path.Combine(RepositoryPaths.Root, "Silo", "schema.graphql");
        File.WriteAllText(path, printed);
        Assert.Contains("type Vehicle implements Node", printed, StringComparison.Ordinal);
        Assert.Contains("updateDesiredState(input: UpdateDesiredStateInput!): UpdateDesiredStatePayload!", printed, StringComparison.Ordinal);
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

    private async Task SeedAsync(int count, string prefix)
    {
        var now = silo.Time.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            await Index.UpsertVehicleAsync(new FleetVehicleState($"{prefix}{i:D4}", null, i % 2 == 0, now, i, null, now));
        }
    }
}
