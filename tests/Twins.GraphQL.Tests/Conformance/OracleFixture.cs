using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.GraphQL.Execution;
using Twins.Testing;

namespace Twins.GraphQL.Tests.Conformance;

/// <summary>Runs the graphql-js oracle once over the whole corpus (and over Twins' introspection result).</summary>
public sealed class OracleFixture : IAsyncLifetime
{
    public JsonObject Report { get; private set; } = [];

    public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

    public string OurIntrospection { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var directory = Directory.CreateTempSubdirectory("twins-graphql-oracle");
        try
        {
            var executor = new RequestExecutor(TestSchema.Schema);
            var introspection = await executor.ExecuteAsync(new GraphQLRequest(IntrospectionQuery.Text));
            OurIntrospection = introspection.ToJson();
            var input = Path.Combine(directory.FullName, "introspection.json");
            var output = Path.Combine(directory.FullName, "report.json");
            await File.WriteAllTextAsync(input, OurIntrospection);
            var script = Path.Combine(RepositoryPaths.Root, "tests", "Twins.GraphQL.Tests", "oracle", "oracle.mjs");
            await using (var node = ExternalProcess.Start(Tools.Node, [script, input, output]))
            {
                await Poll.UntilAsync(() => Task.FromResult(node.HasExited), "the graphql-js oracle to finish", TimeSpan.FromSeconds(90));
                if (!File.Exists(output))
                {
                    throw new InvalidOperationException("The oracle wrote no report:\n" + node.RecentOutput);
                }
            }

            Report = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
            foreach (var result in Report["results"]!.AsArray())
            {
                Results[(string)result!["name"]!] = result.AsObject();
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static IEnumerable<JsonObject> Corpus()
    {
        var folder = Path.Combine(TestSchema.Folder, "corpus");
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var item in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                yield return item!.AsObject();
            }
        }
    }

    public static object? Variables(JsonObject item) =>
        item["variables"] is { } variables ? JsValues.FromJson(JsonDocument.Parse(variables.ToJsonString()).RootElement) : null;
}
