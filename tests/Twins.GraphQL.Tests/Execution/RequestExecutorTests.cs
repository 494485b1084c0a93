using System.Security.Claims;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;
using Twins.Testing;

namespace Twins.GraphQL.Tests.Execution;

public sealed class RequestExecutorTests
{
    [Fact]
    public async Task ExecuteAsync_ResolverSlowerThanTimeout_ReturnsTimeoutErrorWhenClockPasses()
    {
        var time = new ManualTimeProvider();
        var started = new TaskCompletionSource();
        var schema = SchemaBuilder.New().AddQueryType(d => d.Field("slow").Type("Int").ResolveAsync(async c =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
            return 1;
        })).Create();
        var executor = new RequestExecutor(schema, new GraphQLServerOptions { ExecutionTimeout = TimeSpan.FromSeconds(5) }, timeProvider: time);

        var pending = executor.ExecuteAsync(new GraphQLRequest("{ slow }"));
        await started.Task;
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await pending;

        Assert.Equal(ErrorCodes.Timeout, result.Errors![0].Code);
    }

    [Fact]
    public async Task ExecuteAsync_IntrospectionDisallowedForAnonymous_ErrorsButTypenameWorks()
    {
        var executor = new RequestExecutor(TestSchema.Schema, new GraphQLServerOptions { IntrospectionPolicy = user => user?.Identity?.IsAuthenticated == true });

        var anonymous = await executor.ExecuteAsync(new GraphQLRequest("{ __schema { queryType { name } } }"), new RequestContext());
        Assert.Equal(ErrorCodes.IntrospectionDisabled, anonymous.Errors![0].Code);
        Assert.False(anonymous.HasData);

        var typename = await executor.ExecuteAsync(new GraphQLRequest("{ __typename }"), new RequestContext());
        Assert.Null(typename.Errors);

        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops")], "test"));
        var authenticated = await executor.ExecuteAsync(new GraphQLRequest("{ __schema { queryType { name } } }"), new RequestContext { User = user });
        Assert.Equal("""{"data":{"__schema":{"queryType":{"name":"Query"}}}}""", authenticated.ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_UnexpectedException_HidesDetailsAndKeepsSiblings()
    {
        var schema = SchemaBuilder.New().AddQueryType(d =>
        {
            d.Field("bad").Type("Int").Resolve(_ => throw new InvalidOperationException("secret connection string"));
            d.Field("good").Type("Int").Resolve(_ => 1);
        }).Create();

        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ bad good }"));

        Assert.Equal("""{"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":3}],"path":["bad"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"bad":null,"good":1}}""", result.ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_GraphQLExceptionWithCode_CarriesExtensionsCode()
    {
        var schema = SchemaBuilder.New().AddQueryType(d => d.Field("denied").Type("Int").Resolve(_ => throw new GraphQLException("Not allowed.", ErrorCodes.Forbidden))).Create();
        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ denied }"));
        Assert.Equal(ErrorCodes.Forbidden, result.Errors![0].Code);
        Assert.Equal("Not allowed.", result.Errors[0].Message);
    }

    [Fact]
    public async Task ExecuteAsync_DataLoaderInNestedLists_BatchesOneLevelPerFetch()
    {
        var log = new List<int>();
        var schema = SchemaBuilder.New()
            .AddObjectType("Item", d =>
            {
                d.Field("id").Type("Int!");
                d.Field("square").Type("Int!").ResolveAsync(c => c.DataLoader<SquareLoader>().LoadAsync(c.Parent<int>()));
            })
            .AddQueryType(d => d.Field("items").Type("[Item!]!").Resolve(_ => Enumerable.Range(1, 20).ToList()))
            .Create();
        var services = new SingleService(new SquareLoader(log));

        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ items { square } }"), new RequestContext { Services = services });

        Assert.Null(result.Errors);
        Assert.Contains("{\"square\":400}", result.ToJson(), StringComparison.Ordinal);
        Assert.Equal([20], log);
    }

    [Fact]
    public async Task ExecuteAsync_SynchronousResolverReturningTask_IsAwaited()
    {
        var log = new List<int>();
        var schema = SchemaBuilder.New()
            .AddTypeDefinitions("type Query { squares: [Int!]! } ")
            .AddResolver("Query", "squares", c => c.DataLoader<SquareLoader>().LoadAsync([2, 3]))
            .Create();
        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ squares }"), new RequestContext { Services = new SingleService(new SquareLoader(log)) });
        Assert.Equal("""{"data":{"squares":[4,9]}}""", result.ToJson());
    }

    [Fact]
    public async Task SubscribeAsync_StreamOfEvents_EachResolvedWithTheSelection()
    {
        var executor = new RequestExecutor(TestSchema.Schema);
        var subscription = await executor.SubscribeAsync(new GraphQLRequest("subscription { counter(to: 3) }"));
        var events = new List<string>();
        await foreach (var result in subscription.Stream!)
        {
            events.Add(result.ToJson());
        }

        Assert.Equal(["""{"data":{"counter":1}}""", """{"data":{"counter":2}}""", """{"data":{"counter":3}}"""], events);
    }

    [Fact]
    public async Task ExecuteAsync_ReportError_AddsErrorAndKeepsValue()
    {
        var schema = SchemaBuilder.New().AddQueryType(d => d.Field("partial").Type("Int").Resolve(c =>
        {
            c.ReportError(new GraphQLException("Only partly loaded."));
            return 7;
        })).Create();
        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ partial }"));
        Assert.Equal("""{"errors":[{"message":"Only partly loaded.","locations":[{"line":1,"column":3}],"path":["partial"]}],"data":{"partial":7}}""", result.ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_FragmentBombWithCostlyFields_RejectedByCostWithoutExpandingIt()
    {
        var result = await new RequestExecutor(TestSchema.Schema).ExecuteAsync(new GraphQLRequest(FragmentBomb(60, "people { id }")));
        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Equal("The operation has a cost of 1000000000, over the maximum of 1000.", result.Errors[0].Message);
    }

    [Fact]
    public async Task ExecuteAsync_FragmentBombOfFreeFields_ValidatesAndExecutesInLinearTime()
    {
        var result = await new RequestExecutor(TestSchema.Schema).ExecuteAsync(new GraphQLRequest(FragmentBomb(60, "__typename")));
        Assert.Equal("""{"data":{"__typename":"Query"}}""", result.ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_IntrospectionFragmentBomb_RejectedAsTooDeep()
    {
        var fragments = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"fragment T{i} on __Type {{ __typename ...T{i + 1} ...T{i + 1} }}")) + " fragment T40 on __Type { __typename }";
        var result = await new RequestExecutor(TestSchema.Schema).ExecuteAsync(new GraphQLRequest("{ __type(name: \"Query\") { ...T0 } } " + fragments));
        Assert.Equal("Maximum introspection depth exceeded", result.Errors![0].Message);
    }

    [Fact]
    public async Task ExecuteAsync_ThousandsOfSameAliasSubselections_RejectedAsTooComplexToMerge()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 700).Select(i => $"a: person(id: \"p1\") {{ f{i}: id }}")) + " }";
        var executor = new RequestExecutor(TestSchema.Schema, new GraphQLServerOptions { MaxCost = 100_000 });
        var result = await executor.ExecuteAsync(new GraphQLRequest(query));
        Assert.Equal("The document is too complex to validate: too many fields share a response name.", result.Errors![0].Message);
    }

    [Fact]
    public async Task ExecuteAsync_ThousandsOfIdenticalLeaves_AreValidAndMerged()
    {
        var query = "{ " + string.Join(" ", Enumerable.Repeat("a: __typename", 4000)) + " }";
        var result = await new RequestExecutor(TestSchema.Schema).ExecuteAsync(new GraphQLRequest(query));
        Assert.Equal("""{"data":{"a":"Query"}}""", result.ToJson());
    }

    private static string FragmentBomb(int levels, string leaf) =>
        "{ ...F0 } " + string.Join(" ", Enumerable.Range(0, levels).Select(i => $"fragment F{i} on Query {{ __typename ...F{i + 1} ...F{i + 1} }}")) + $" fragment F{levels} on Query {{ {leaf} }}";

    [Fact]
    public async Task ExecuteAsync_FullIntrospectionQuery_PassesTheDefaultLimits()
    {
        var result = await new RequestExecutor(TestSchema.Schema).ExecuteAsync(new GraphQLRequest(Conformance.IntrospectionQuery.Text));
        Assert.Null(result.Errors);
        Assert.True(result.HasData);
    }

    [Fact]
    public void Options_OutOfRange_FailNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RequestExecutor(TestSchema.Schema, new GraphQLServerOptions { MaxDepth = 0 }));
        Assert.Equal("GraphQL:MaxDepth must be at least 1.", error.Message);
    }

    private sealed class SquareLoader(List<int> log) : DataLoader<int, int>
    {
        protected override async Task<IReadOnlyDictionary<int, int>> FetchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            await Task.Yield();
            log.Add(keys.Count);
            return keys.ToDictionary(k => k, k => k * k);
        }
    }

    private sealed class SingleService(object service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
    }
}
