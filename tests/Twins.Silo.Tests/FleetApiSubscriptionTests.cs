using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>The fleet API with real npm clients: graphql-ws subscriptions fed by grain observers, graphql-js reading the live introspection.</summary>
public sealed class FleetApiSubscriptionTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private string Token(string role, params string[] vehicles) =>
        silo.App.Services.GetRequiredService<ApiTokenValidator>().IssueToken("test-" + role, role, role == "owner" ? vehicles : null, TimeSpan.FromHours(1));

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
