using System.Runtime.CompilerServices;
using System.Text.Json;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;
using Twins.Testing;

namespace Twins.GraphQL.Tests;

/// <summary>
/// The shared test schema (Conformance/schema.graphql + data.json) with resolvers that follow the same
/// rules as the graphql-js oracle's (oracle/testSchema.mjs).
/// </summary>
internal static class TestSchema
{
    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Twins.GraphQL.Tests", "Conformance");

    public static readonly string Sdl = File.ReadAllText(Path.Combine(Folder, "schema.graphql"));

    private static readonly Lazy<Schema> LazySchema = new(Build);

    public static Schema Schema => LazySchema.Value;

    private static Dictionary<string, object?> Data { get; } =
        (Dictionary<string, object?>)JsValues.FromJson(JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "data.json"))).RootElement)!;

    private static List<Dictionary<string, object?>> Vehicles => ((List<object?>)Data["vehicles"]!).Cast<Dictionary<string, object?>>().ToList();

    private static List<Dictionary<string, object?>> People => ((List<object?>)Data["people"]!).Cast<Dictionary<string, object?>>().ToList();

    public static Schema Build() => Configure(SchemaBuilder.New()).Create();

    public static SchemaBuilder Configure(SchemaBuilder builder) => builder
        .AddTypeDefinitions(Sdl)
        .AddResolver("Query", "vehicle", c => VehicleById((string)c.Arguments["id"]!))
        .AddResolver("Query", "vehicles", c =>
        {
            var filter = c.Arguments.GetValueOrDefault("filter") as Dictionary<string, object?>;
            var list = Vehicles.Where(v => filter is null || Matches(v, filter)).ToList();
            return Take(list, c.Arguments.GetValueOrDefault("first"));
        })
        .AddResolver("Query", "node", c => VehicleById((string)c.Arguments["id"]!) ?? PersonById((string)c.Arguments["id"]!))
        .AddResolver("Query", "person", c => PersonById((string)c.Arguments["id"]!))
        .AddResolver("Query", "people", _ => People)
        .AddResolver("Query", "search", c =>
        {
            var text = ((string)c.Arguments["text"]!).ToLowerInvariant();
            return Vehicles.Concat(People).Where(x => x["name"] is string name && name.ToLowerInvariant().Contains(text, StringComparison.Ordinal)).ToList();
        })
        .AddResolver("Query", "find", c =>
        {
            var by = (Dictionary<string, object?>)c.Arguments["by"]!;
            return by.GetValueOrDefault("id") is string id ? VehicleById(id) : Vehicles.FirstOrDefault(v => Equals(v["vin"], by.GetValueOrDefault("vin")));
        })
        .AddResolver("Query", "broken", _ => Data["broken"])
        .AddResolver("Query", "failing", _ => throw new GraphQLException("boom"))
        .AddResolver("Query", "failingNonNull", _ => throw new GraphQLException("boom!"))
        .AddResolver("Query", "nullNonNull", _ => null)
        .AddResolver("Query", "echoString", Value)
        .AddResolver("Query", "echoInt", Value)
        .AddResolver("Query", "echoFloat", Value)
        .AddResolver("Query", "echoBoolean", Value)
        .AddResolver("Query", "echoId", Value)
        .AddResolver("Query", "echoColor", Value)
        .AddResolver("Query", "echoList", Value)
        .AddResolver("Query", "echoMatrix", Value)
        .AddResolver("Query", "echoFilter", c => c.Arguments.GetValueOrDefault("filter"))
        .AddResolver("Query", "echoPerson", c => c.Arguments.GetValueOrDefault("input"))
        .AddResolver("Query", "echoKey", c => c.Arguments.GetValueOrDefault("by"))
        .AddResolver("Query", "echoJson", Value)
        .AddResolver("Query", "echoDate", c => c.Arguments.GetValueOrDefault("value") is null ? null : "ok")
        .AddResolver("Query", "requiredArg", Value)
        .AddResolver("Query", "withDefault", Value)
        .AddResolver("Query", "deprecatedField", _ => "old")
        .AddResolver("Car", "owner", c => Owner(c))
        .AddResolver("Truck", "owner", c => Owner(c))
        .AddResolver("Person", "vehicles", c =>
        {
            var person = c.Parent<Dictionary<string, object?>>();
            var status = c.Arguments.GetValueOrDefault("status");
            var list = Vehicles.Where(v => Equals(v["ownerId"], person["id"]) && (status is null || Equals(v["status"], status))).ToList();
            return Take(list, c.Arguments.GetValueOrDefault("first"));
        })
        .AddResolver("Person", "friends", c => ((List<object?>)c.Parent<Dictionary<string, object?>>()["friendIds"]!).Select(id => PersonById((string)id!)).ToList())
        .AddResolver("Person", "bestFriend", c => c.Parent<Dictionary<string, object?>>()["bestFriendId"] is string id ? PersonById(id) : null)
        .AddResolver("Mutation", "increment", c =>
        {
            var next = (c.ContextData.TryGetValue("counter", out var value) ? (int)value! : 0) + 1;
            c.ContextData["counter"] = next;
            return next;
        })
        .AddResolver("Mutation", "addPerson", c =>
        {
            var input = (Dictionary<string, object?>)c.Arguments["input"]!;
            return new Dictionary<string, object?>
            {
                ["__typename"] = "Person",
                ["id"] = "new-" + input["name"],
                ["name"] = input["name"],
                ["age"] = input.GetValueOrDefault("age"),
                ["friendIds"] = new List<object?>(),
                ["bestFriendId"] = null,
                ["nickname"] = null,
            };
        })
        .AddResolver("Mutation", "fail", _ => throw new GraphQLException("mutation failed"))
        .AddSubscriber("Subscription", "vehicleUpdated", c => new ValueTask<IAsyncEnumerable<object?>>(VehicleEvents(c.Arguments.GetValueOrDefault("id") as string)))
        .AddResolver("Subscription", "vehicleUpdated", c => c.ParentValue)
        .AddSubscriber("Subscription", "counter", c => new ValueTask<IAsyncEnumerable<object?>>(Count((int)c.Arguments["to"]!, c.RequestAborted)))
        .AddResolver("Subscription", "counter", c => c.ParentValue);

    private static object? Value(IResolverContext context) => context.Arguments.GetValueOrDefault("value");

    private static Dictionary<string, object?>? Owner(IResolverContext context) =>
        context.Parent<Dictionary<string, object?>>()["ownerId"] is string id ? PersonById(id) : null;

    private static Dictionary<string, object?>? VehicleById(string id) => Vehicles.FirstOrDefault(v => Equals(v["id"], id));

    private static Dictionary<string, object?>? PersonById(string id) => People.FirstOrDefault(p => Equals(p["id"], id));

    private static List<Dictionary<string, object?>> Take(List<Dictionary<string, object?>> list, object? first) =>
        first is int n ? list.Take(Math.Max(0, n)).ToList() : list;

    private static bool Matches(Dictionary<string, object?> vehicle, Dictionary<string, object?> filter)
    {
        if (filter.GetValueOrDefault("status") is { } status && !Equals(vehicle["status"], status))
        {
            return false;
        }

        if (filter.GetValueOrDefault("color") is { } color && !Equals(vehicle["color"], color))
        {
            return false;
        }

        if (filter.GetValueOrDefault("nameContains") is string part && !(vehicle["name"] is string name && name.Contains(part, StringComparison.Ordinal)))
        {
            return false;
        }

        return !(filter.GetValueOrDefault("minDoors") is int minDoors && Equals(vehicle["__typename"], "Car") && (double)vehicle["doors"]! < minDoors);
    }

    private static async IAsyncEnumerable<object?> VehicleEvents(string? id)
    {
        foreach (var vehicle in Vehicles.Where(v => id is null || Equals(v["id"], id)))
        {
            await Task.Yield();
            yield return vehicle;
        }
    }

    private static async IAsyncEnumerable<object?> Count(int to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= to; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return i;
        }
    }
}
