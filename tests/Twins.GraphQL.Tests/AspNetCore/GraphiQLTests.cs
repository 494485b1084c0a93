using Microsoft.Playwright;
using Twins.Testing;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>GraphiQL (bundled at build time, served by MapGraphQL) loads in headless Chromium and runs a query.</summary>
public sealed class GraphiQLTests
{
    [Fact]
    public async Task Browser_OpensEndpoint_GraphiQLRunsAQuery()
    {
        await using var server = await GraphQLTestServer.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        var externalRequests = chromium.RecordExternalRequests(server.Address);

        var failedCalls = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Request.Method == "POST" && r.Status != 200)
            {
                failedCalls.Add($"{r.Status} {r.Request.PostData}");
            }
        };

        var response = await page.GotoAsync(server.Endpoint.ToString());
        Assert.Equal(200, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);

        await page.WaitForSelectorAsync(".graphiql-query-editor .CodeMirror", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.EvaluateAsync("() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ vehicle(id: \"c1\") { name } }')");
        await page.ClickAsync(".graphiql-execute-button");
        await page.WaitForFunctionAsync("() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('Blue Car')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var result = await page.TextContentAsync(".graphiql-response");
        Assert.Contains("\"name\": \"Blue Car\"", result, StringComparison.Ordinal);

        // Subscriptions run over graphql-transport-ws from the same page.
        await page.EvaluateAsync("() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('subscription { counter(to: 2) }')");
        await page.ClickAsync(".graphiql-execute-button");
        await page.WaitForFunctionAsync("() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('\"counter\": 2')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Empty(externalRequests);
        Assert.Empty(failedCalls);
    }
}
