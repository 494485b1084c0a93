using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>The request's user reaches resolvers, and introspection can be denied to anonymous callers.</summary>
public sealed class GraphQLAuthenticationTests
{
    [Fact]
    public async Task Introspection_DeniedAnonymous_AllowedAuthenticated_UserVisibleToResolvers()
    {
        await using var server = await GraphQLTestServer.StartAsync(
            options => options.IntrospectionPolicy = user => user?.Identity?.IsAuthenticated == true,
            configureApp: app => app.Use((context, next) =>
            {
                // Stands in for real authentication middleware: a header names the user.
                if (context.Request.Headers.TryGetValue("X-Test-User", out var name))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
                }

                return next(context);
            }));
        using var client = new HttpClient();

        using var anonymous = await PostAsync(client, server, "{ __schema { queryType { name } } }", user: null);
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Equal(ErrorCodes.IntrospectionDisabled, (string)JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!);

        using var authenticated = await PostAsync(client, server, "{ __schema { queryType { name } } whoAmI }", user: "ops");
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        var data = JsonNode.Parse(await authenticated.Content.ReadAsStringAsync())!["data"]!;
        Assert.Equal("Query", (string)data["__schema"]!["queryType"]!["name"]!);
        Assert.Equal("ops", (string)data["whoAmI"]!);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, GraphQLTestServer server, string query, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        return await client.SendAsync(request);
    }
}
