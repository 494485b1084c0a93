using Microsoft.Extensions.DependencyInjection;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Tests.Types;

public sealed class ResolverMethodTests
{
    private sealed record Vehicle(string Id, string OwnerId);

    private sealed class Store
    {
        private readonly Dictionary<string, Vehicle> _vehicles = new() { ["v1"] = new Vehicle("v1", "p9") };

        public Vehicle? Find(string id) => _vehicles.GetValueOrDefault(id);
    }

    private sealed class QueryResolvers
    {
        public static async Task<Vehicle?> GetVehicleAsync(string id, Store store, CancellationToken cancellationToken)
        {
            // Completes asynchronously, so the executor's awaiting of resolver tasks is what is tested.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            return store.Find(id);
        }

        [GraphQLName("serverTime")]
        public static string Now() => "fixed";
    }

    private sealed class VehicleResolvers
    {
        private readonly string _prefix = "owner-";
        private readonly int _base = 1;

        public string Owner([Parent] Vehicle vehicle) => _prefix + vehicle.OwnerId;

        public ValueTask<int> ScoreAsync(int bonus, IResolverContext context) => ValueTask.FromResult(context.Path.Count + bonus + _base);
    }

    private sealed class Stray
    {
        public static int Nothing() => 0;
    }

    [Fact]
    public async Task AddResolvers_MethodsBindArgumentsParentServicesAndTokens()
    {
        var schema = SchemaBuilder.New()
            .AddTypeDefinitions("type Vehicle { id: ID! owner: String score(bonus: Int = 1): Int } type Query { vehicle(id: ID!): Vehicle serverTime: String }")
            .AddResolvers<QueryResolvers>("Query")
            .AddResolvers<VehicleResolvers>("Vehicle")
            .Create();
        using var services = new ServiceCollection().AddSingleton<Store>().BuildServiceProvider();

        var result = await new RequestExecutor(schema).ExecuteAsync(
            new GraphQLRequest("{ serverTime vehicle(id: \"v1\") { id owner score(bonus: 40) } }"),
            new RequestContext { Services = services });

        Assert.Equal("""{"data":{"serverTime":"fixed","vehicle":{"id":"v1","owner":"owner-p9","score":43}}}""", result.ToJson());
    }

    [Fact]
    public void AddResolvers_MethodWithoutField_IsASchemaError()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .AddTypeDefinitions("type Query { a: Int }")
            .AddResolvers<Stray>("Query")
            .Create());
        Assert.Contains("Resolver method Stray.Nothing matches no field of type \"Query\".", error.Errors);
    }
}
