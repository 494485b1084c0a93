using System.Text.Json.Nodes;
using Twins.Testing;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>graphql-http's serverAudits (the GraphQL-over-HTTP conformance audit) run from Node against Kestrel.</summary>
public sealed class GraphQLHttpAuditTests
{
    [Fact]
    public async Task ServerAudits_AgainstTwins_AllPass()
    {
        await using var server = await GraphQLTestServer.StartAsync();
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Twins.GraphQL.Tests", "oracle", "audit.mjs");
        var output = await NodeScript.RunAsync(script, server.Endpoint.ToString());
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.True(results.Count > 20, $"Only {results.Count} audits ran.");
        var failures = results
            .Where(r => (string)r!["status"]! != "ok")
            .Select(r => $"{(string)r!["status"]!}: {(string)r!["name"]!} — {(string?)r!["reason"]}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
