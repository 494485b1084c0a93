using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    [Fact]
    public async Task Browser_OpensLinkWithTokenInFragment_SchemaLoadsAndQueryRunsAsThatCaller()
    {
        const string Token = "opensesame";
        var requestLines = new List<string>();
        await using var server = await GraphQLTestServer.StartAsync(
            options =>
            {
                options.IntrospectionPolicy = user => user?.Identity?.IsAuthenticated == true;
                options.GraphiQLAuthorizationFragment = "token";
            },
            configureApp: app => app.Use((context, next) =>
            {
                lock (requestLines)
                {
                    requestLines.Add(context.Request.Path + context.Request.QueryString);
                }

                // Stands in for real authentication middleware: the bearer token names the user.
                if (context.Request.Headers.Authorization.ToString() == "Bearer " + Token)
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops")], "test"));
                }

                return next(context);
            }));
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = chromium.Page;
        var introspection = new TaskCompletionSource<(int Status, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Response += async (_, r) =>
        {
            if (r.Request.Method == "POST" && (r.Request.PostData ?? "").Contains("IntrospectionQuery", StringComparison.Ordinal))
            {
                introspection.TrySetResult((r.Status, await r.TextAsync()));
            }
        };

        await page.GotoAsync(server.Endpoint + "#token=" + Token);

        // The schema (documentation and autocompletion come from it) loads at once, with the token.
        var (status, body) = await introspection.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(200, status);
        Assert.Contains("\"__schema\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);

        await page.WaitForSelectorAsync(".graphiql-query-editor .CodeMirror", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.EvaluateAsync("() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ whoAmI }')");
        await page.ClickAsync(".graphiql-execute-button");
        await page.WaitForFunctionAsync("() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('\"whoAmI\": \"ops\"')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        // The Headers tab shows the credential; the address and every request line are free of it.
        Assert.Contains("Bearer " + Token, await page.EvaluateAsync<string>("() => [...document.querySelectorAll('.graphiql-editor-tool .CodeMirror')].map(e => e.CodeMirror.getValue()).join('\\n')"), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, page.Url, StringComparison.Ordinal);
        lock (requestLines)
        {
            Assert.NotEmpty(requestLines);
            Assert.DoesNotContain(requestLines, line => line.Contains(Token, StringComparison.Ordinal));
        }
    }
}
