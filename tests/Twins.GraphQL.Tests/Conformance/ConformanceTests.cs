using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Validation;

namespace Twins.GraphQL.Tests.Conformance;

/// <summary>
/// Every corpus document is parsed, validated and executed by Twins and by graphql-js (the oracle, run
/// once for the whole corpus); parse results, syntax-error positions, validation messages and locations,
/// and execution results must agree.
/// </summary>
public sealed class ConformanceTests(OracleFixture oracle) : IClassFixture<OracleFixture>
{
    private static readonly RequestExecutor Executor = new(TestSchema.Schema, new GraphQLServerOptions { MaxDepth = 1000, MaxCost = 1_000_000 });

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var item in OracleFixture.Corpus())
        {
            data.Add((string)item["name"]!);
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeast300Documents_WithUniqueNames()
    {
        var names = OracleFixture.Corpus().Select(i => (string)i["name"]!).ToList();
        Assert.True(names.Count >= 300, $"The corpus has {names.Count} documents.");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Document_ParsedValidatedAndExecuted_AgreesWithGraphQLJs(string name)
    {
        var item = OracleFixture.Corpus().First(i => (string)i["name"]! == name);
        var expected = oracle.Results[name];
        var query = (string)item["query"]!;

        DocumentNode document;
        try
        {
            document = Utf8GraphQLParser.Parse(query);
        }
        catch (GraphQLSyntaxException error)
        {
            Assert.True(expected["syntaxError"] is not null, $"Twins rejected a document graphql-js parses: {error.Message}");
            Assert.Equal(Describe(expected["syntaxError"]!), $"{error.Message} @{error.Line}:{error.Column}");
            return;
        }

        Assert.True(expected["syntaxError"] is null, $"Twins parsed a document graphql-js rejects: {expected["syntaxError"]?.ToJsonString()}");
        Assert.Equal((string)expected["printed"]!, SyntaxPrinter.Print(document));

        var ours = DocumentValidator.Validate(TestSchema.Schema, document)
            .Select(e => e.Message + " @" + string.Join(",", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}")))
            .Order(StringComparer.Ordinal)
            .ToList();
        var theirs = expected["validation"]!.AsArray().Select(e => Describe(e!)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join("\n", theirs), string.Join("\n", ours));

        if (expected["result"] is not { } expectedResult)
        {
            return;
        }

        var variables = OracleFixture.Variables(item) as IReadOnlyDictionary<string, object?>;
        var request = new GraphQLRequest(query, (string?)item["operationName"], variables);
        var result = await Executor.ExecuteAsync(request, new RequestContext());
        Assert.Equal(Canonical(expectedResult), Canonical(JsonNode.Parse(result.ToJson())!));
    }

    [Theory]
    [InlineData("ExecutableDefinitions", "definition is not executable.")]
    [InlineData("UniqueOperationNames", "There can be only one operation named")]
    [InlineData("LoneAnonymousOperation", "This anonymous operation must be the only defined operation.")]
    [InlineData("SingleFieldSubscriptions", "must select only one top level field.")]
    [InlineData("SingleFieldSubscriptions (introspection)", "must not select an introspection top level field.")]
    [InlineData("KnownTypeNames", "Unknown type \"")]
    [InlineData("FragmentsOnCompositeTypes", "cannot condition on non composite type")]
    [InlineData("VariablesAreInputTypes", "cannot be non-input type")]
    [InlineData("ScalarLeafs (no subfields)", "has no subfields.")]
    [InlineData("ScalarLeafs (must select)", "must have a selection of subfields.")]
    [InlineData("FieldsOnCorrectType", "Cannot query field")]
    [InlineData("UniqueFragmentNames", "There can be only one fragment named")]
    [InlineData("KnownFragmentNames", "Unknown fragment \"")]
    [InlineData("NoUnusedFragments", "is never used.")]
    [InlineData("PossibleFragmentSpreads", "cannot be spread here as objects of type")]
    [InlineData("NoFragmentCycles", "within itself")]
    [InlineData("UniqueVariableNames", "There can be only one variable named")]
    [InlineData("NoUndefinedVariables", "is not defined")]
    [InlineData("NoUnusedVariables", "is never used")]
    [InlineData("KnownDirectives (unknown)", "Unknown directive \"@")]
    [InlineData("KnownDirectives (location)", "may not be used on")]
    [InlineData("UniqueDirectivesPerLocation", "can only be used once at this location.")]
    [InlineData("KnownArgumentNames (field)", "Unknown argument \"")]
    [InlineData("KnownArgumentNames (directive)", "on directive \"@")]
    [InlineData("UniqueArgumentNames", "There can be only one argument named")]
    [InlineData("ValuesOfCorrectType", "Expected value of type")]
    [InlineData("ValuesOfCorrectType (input field)", "is not defined by type")]
    [InlineData("ValuesOfCorrectType (required input field)", "was not provided.")]
    [InlineData("ValuesOfCorrectType (oneOf)", "must specify exactly one key.")]
    [InlineData("ProvidedRequiredArguments", "is required, but it was not provided.")]
    [InlineData("VariablesInAllowedPosition", "used in position expecting type")]
    [InlineData("OverlappingFieldsCanBeMerged", "Use different aliases on the fields to fetch both if this was intentional.")]
    [InlineData("UniqueInputFieldNames", "There can be only one input field named")]
    [InlineData("MaxIntrospectionDepth", "Maximum introspection depth exceeded")]
    public void ValidationRule_IsExercisedByTheCorpus_AndGraphQLJsAgrees(string rule, string messageFragment)
    {
        var hits = oracle.Results.Values
            .SelectMany(r => r["validation"]?.AsArray() ?? [])
            .Count(e => ((string)e!["message"]!).Contains(messageFragment, StringComparison.Ordinal));
        Assert.True(hits > 0, $"No corpus document makes graphql-js report the {rule} rule.");
    }

    [Fact]
    public void SchemaPrint_OfTheSharedSchema_EqualsGraphQLJsPrintSchema()
    {
        Assert.Equal((string)oracle.Report["printSchema"]!, TestSchema.Schema.Print());
    }

    [Fact]
    public void Introspection_BuildClientSchemaInGraphQLJs_RoundTripsToTheSameSdl()
    {
        Assert.True(oracle.Report["clientSchemaError"] is null, (string?)oracle.Report["clientSchemaError"]);
        Assert.Equal((string)oracle.Report["printSchema"]!, (string)oracle.Report["clientSchema"]!);
    }

    private static string Describe(JsonNode error)
    {
        var locations = error["locations"] is JsonArray array
            ? string.Join(",", array.Select(l => $"{(int)l!["line"]!}:{(int)l!["column"]!}"))
            : "";
        return (string)error["message"]! + " @" + locations;
    }

    /// <summary>Canonical JSON: numbers normalized, errors without extensions and sorted by path.</summary>
    private static string Canonical(JsonNode result)
    {
        var builder = new StringBuilder();
        if (result["errors"] is JsonArray errors)
        {
            var described = errors
                .Select(e => Describe(e!) + " path=" + (e!["path"]?.ToJsonString() ?? "null"))
                .Order(StringComparer.Ordinal);
            builder.Append("errors:\n").AppendJoin("\n", described).Append('\n');
        }

        if (result.AsObject().ContainsKey("data"))
        {
            builder.Append("data: ");
            Write(builder, result["data"]);
        }

        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                builder.Append(value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
