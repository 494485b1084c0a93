using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>GraphQL over HTTP with a real HttpClient against Kestrel.</summary>
public sealed class GraphQLHttpHandlerTests : IAsyncLifetime, IDisposable
{
    private GraphQLTestServer _server = null!;
    private readonly HttpClient _client = new();

    public async Task InitializeAsync() => _server = await GraphQLTestServer.StartAsync(options =>
    {
        options.MaxRequestBytes = 64 * 1024;
        options.MaxTokens = 10_000;
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Post_Query_ReturnsDataAsGraphQLResponseJson()
    {
        using var response = await PostAsync("""{"query":"{ vehicle(id: \"c1\") { id name } }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
        var json = await ReadAsync(response);
        Assert.Equal("Blue Car", (string)json["data"]!["vehicle"]!["name"]!);
    }

    [Fact]
    public async Task Post_WithVariablesAndOperationName_RunsThatOperation()
    {
        using var response = await PostAsync("""{"query":"query A { people { id } } query B($id: ID!) { vehicle(id: $id) { id } }","operationName":"B","variables":{"id":"t1"}}""");
        var json = await ReadAsync(response);
        Assert.Equal("t1", (string)json["data"]!["vehicle"]!["id"]!);
    }

    [Fact]
    public async Task Get_Query_ReturnsData()
    {
        using var response = await _client.GetAsync(new Uri(_server.Endpoint, "?query=" + Uri.EscapeDataString("{ people { name } }")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal(3, json["data"]!["people"]!.AsArray().Count);
    }

    [Fact]
    public async Task Get_Mutation_Returns405WithAllowPost()
    {
        using var response = await _client.GetAsync(new Uri(_server.Endpoint, "?query=" + Uri.EscapeDataString("mutation { increment }")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Post_SyntaxError_Returns400ForGraphQLResponseJson_And200ForJson()
    {
        using var strict = await PostAsync("""{"query":"{ vehicle("}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        var json = await ReadAsync(strict);
        Assert.StartsWith("Syntax Error:", (string)json["errors"]![0]!["message"]!);
        Assert.Null(json["data"]);

        using var legacy = await PostAsync("""{"query":"{ vehicle("}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal("application/json", legacy.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Post_ValidationError_Returns400WithLocations()
    {
        using var response = await PostAsync("""{"query":"{ vehicle(id: \"c1\") { nope } }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ReadAsync(response))["errors"]![0]!;
        Assert.Equal("Cannot query field \"nope\" on type \"Vehicle\". Did you mean \"name\"?", (string)error["message"]!);
        Assert.Equal(23, (int)error["locations"]![0]!["column"]!);
        Assert.Equal(ErrorCodes.ValidationFailed, (string)error["extensions"]!["code"]!);
    }

    [Fact]
    public async Task Post_FieldError_Returns200WithPartialDataAndPath()
    {
        using var response = await PostAsync("""{"query":"{ failing people { id } }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("boom", (string)json["errors"]![0]!["message"]!);
        Assert.Equal("failing", (string)json["errors"]![0]!["path"]![0]!);
        Assert.Equal(3, json["data"]!["people"]!.AsArray().Count);
    }

    [Fact]
    public async Task Post_WrongContentType_Returns415()
    {
        using var content = new StringContent("{ people { id } }", Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync(_server.Endpoint, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_InvalidJson_Returns400WithGraphQLError()
    {
        using var response = await PostAsync("{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request body is not valid JSON.", (string)(await ReadAsync(response))["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task Post_OversizeBody_Returns413AndServerKeepsServing()
    {
        var big = new string('a', 100_000);
        using var response = await PostAsync($$"""{"query":"{ echoString(value: \"{{big}}\") }"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the limit", (string)(await ReadAsync(response))["errors"]![0]!["message"]!, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_DeeplyNestedQuery_GetsErrorAndServerKeepsServing()
    {
        var depth = 10_000;
        var query = string.Concat(Enumerable.Repeat("{ a ", depth)) + string.Concat(Enumerable.Repeat("}", depth));
        using var response = await PostAsync(new JsonObject { ["query"] = query }.ToJsonString(), "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string)(await ReadAsync(response))["errors"]![0]!["message"]!;
        Assert.Equal("Syntax Error: Document exceeds the maximum nesting depth of 128.", message);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_NestingOverMaxDepth_GetsDepthError()
    {
        var query = "{ person(id: \"p1\") { " + string.Concat(Enumerable.Repeat("bestFriend { ", 20)) + "id" + string.Concat(Enumerable.Repeat(" }", 20)) + " } }";
        using var response = await PostAsync(new JsonObject { ["query"] = query }.ToJsonString(), "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ReadAsync(response))["errors"]![0]!;
        Assert.Contains("over the maximum of 15", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.LimitExceeded, (string)error["extensions"]!["code"]!);
    }

    [Fact]
    public async Task Post_AliasFanOut_GetsCostErrorAndServerKeepsServing()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 600).Select(i => $"a{i}: vehicle(id: \"c1\") {{ id }}")) + " }";
        using var response = await PostAsync(new JsonObject { ["query"] = query }.ToJsonString(), "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cost", (string)(await ReadAsync(response))["errors"]![0]!["message"]!, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_ManyTokens_GetsSyntaxErrorAndServerKeepsServing()
    {
        var query = "{ " + string.Join(" ", Enumerable.Repeat("a", 12_000)) + " }";
        using var response = await PostAsync(new JsonObject { ["query"] = query }.ToJsonString(), "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Syntax Error: Document contains more that 10000 tokens. Parsing aborted.", (string)(await ReadAsync(response))["errors"]![0]!["message"]!);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_DataLoader_BatchesKeysOfOneRequest()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 5).Select(i => $"p{i}: personByLoader(id: \"id{i % 4}\") {{ name }}")) + " }";
        using var response = await PostAsync(new JsonObject { ["query"] = query }.ToJsonString());
        var json = await ReadAsync(response);
        Assert.Null(json["errors"]);
        Assert.Equal("loaded id3", (string)json["data"]!["p3"]!["name"]!);
        Assert.Equal("loaded id0", (string)json["data"]!["p4"]!["name"]!);
        var log = (GraphQLTestServer.BatchLog)_server.Services.GetService(typeof(GraphQLTestServer.BatchLog))!;
        Assert.Equal([4], log.Sizes());
    }

    [Fact]
    public async Task Resolver_SeesHttpContextUser()
    {
        using var response = await PostAsync("""{"query":"{ whoAmI }"}""");
        Assert.Equal("anonymous", (string)(await ReadAsync(response))["data"]!["whoAmI"]!);
    }

    [Fact]
    public async Task Put_Returns405()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _client.PutAsync(_server.Endpoint, content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task AssertStillServingAsync()
    {
        using var response = await PostAsync("""{"query":"{ __typename }"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", (string)(await ReadAsync(response))["data"]!["__typename"]!);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await _client.SendAsync(request);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
