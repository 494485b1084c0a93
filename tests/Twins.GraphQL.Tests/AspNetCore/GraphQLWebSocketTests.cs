using System.Text.Json.Nodes;
using Twins.Testing;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>graphql-transport-ws with real peers: the graphql-ws npm client, and a raw socket for each close code.</summary>
public sealed class GraphQLWebSocketTests : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "Twins.GraphQL.Tests", "oracle", "ws.mjs");
    private readonly ManualTimeProvider _time = new();
    private GraphQLTestServer _server = null!;

    private string Url => new UriBuilder(_server.Endpoint) { Scheme = "ws" }.Uri.ToString();

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(
        options =>
        {
            options.ConnectionInitTimeout = TimeSpan.FromSeconds(3);
            options.MaxWebSocketOperations = 2;
            options.WebSocketConnect = (_, payload) =>
            {
                if (payload?.GetValueOrDefault("explode") is true)
                {
                    throw new InvalidOperationException("connect hook failed");
                }

                return ValueTask.FromResult(payload?.GetValueOrDefault("deny") is not true);
            };
        },
        _time);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GraphQLWsClient_SubscriptionQueryAndError_OverOneConnection()
    {
        var output = JsonNode.Parse(await NodeScript.RunAsync(Script, "subscribe", Url))!;

        var counter = output["counter"]!.AsArray();
        Assert.Equal([1, 2, 3], counter.Take(3).Select(e => (int)e!["next"]!["data"]!["counter"]!));
        Assert.True((bool)counter[3]!["complete"]!);

        var vehicles = output["vehicles"]!.AsArray();
        Assert.Equal("t1", (string)vehicles[0]!["next"]!["data"]!["vehicleUpdated"]!["id"]!);
        Assert.True((bool)vehicles[1]!["complete"]!);

        Assert.Equal("Blue Car", (string)output["query"]![0]!["next"]!["data"]!["vehicle"]!["name"]!);

        var invalid = output["invalid"]!.AsArray();
        Assert.Equal("Cannot query field \"nope\" on type \"Query\". Did you mean \"node\"?", (string)invalid[0]!["error"]![0]!["message"]!);
    }

    [Fact]
    public async Task GraphQLWsClient_RefusedInit_IsClosedWith4403()
    {
        var output = JsonNode.Parse(await NodeScript.RunAsync(Script, "forbidden", Url))!.AsArray();
        Assert.Equal(4403, (int)output[^1]!["error"]!["code"]!);
        Assert.Equal("Forbidden", (string)output[^1]!["error"]!["reason"]!);
    }

    [Theory]
    [InlineData("invalid", 4400, "Invalid message received")]
    [InlineData("unknown-type", 4400, "Invalid message received")]
    [InlineData("unauthorized", 4401, "Unauthorized")]
    [InlineData("subprotocol", 4406, "Subprotocol not acceptable")]
    [InlineData("no-subprotocol", 4406, "Subprotocol not acceptable")]
    [InlineData("duplicate", 4409, "Subscriber for same already exists")]
    [InlineData("too-many-inits", 4429, "Too many initialisation requests")]
    [InlineData("internal", 4500, "Internal server error")]
    [InlineData("too-large", 4400, "Message too large")]
    public async Task ProtocolViolation_ClosesWithTheProtocolsCode(string scenario, int code, string reason)
    {
        var lines = (await NodeScript.RunAsync(Script, "close", Url, scenario)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var close = JsonNode.Parse(lines[^1])!;
        Assert.Equal(code, (int)close["code"]!);
        Assert.Equal(reason, (string)close["reason"]!);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task OperationsOverTheLimit_GetAnErrorMessage_AndTheConnectionStays()
    {
        var lines = (await NodeScript.RunAsync(Script, "close", Url, "many-operations")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = JsonNode.Parse(lines[1])!;
        Assert.Equal("op2", (string)error["id"]!);
        Assert.Equal("Too many operations on this connection (at most 2).", (string)error["payload"]![0]!["message"]!);
        Assert.Equal(1000, (int)JsonNode.Parse(lines[^1])!["code"]!);
    }

    [Fact]
    public async Task NoConnectionInit_ClosedWith4408_WhenTheTimeoutPasses()
    {
        await using var node = ExternalProcess.Start(Tools.Node, [Script, "close", Url, "init-timeout"], Path.GetDirectoryName(Script));
        await Poll.UntilAsync(() => Task.FromResult(node.RecentOutput.Contains("\"open\"", StringComparison.Ordinal)), "the socket to open");
        await Poll.UntilAsync(() => Task.FromResult(_time.PendingTimerCount > 0), "the server to start its init timer");
        Assert.DoesNotContain("code", node.RecentOutput, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(3));
        await Poll.UntilAsync(() => Task.FromResult(node.RecentOutput.Contains("\"code\"", StringComparison.Ordinal)), "the server to close the socket");
        var close = JsonNode.Parse(node.RecentOutput.Split('\n')[^1])!;
        Assert.Equal(4408, (int)close["code"]!);
        Assert.Equal("Connection initialisation timeout", (string)close["reason"]!);
    }

    private async Task AssertStillServingAsync()
    {
        using var client = new HttpClient();
        using var content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(_server.Endpoint, content);
        Assert.Contains("Query", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
