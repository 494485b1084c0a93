using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Tests.Types;

public sealed class SchemaBuilderTests
{
    private enum Fuel
    {
        Petrol,
        BatteryElectric,
    }

    private sealed record Car(string Id, string Name, Fuel Fuel);

    [Fact]
    public async Task CodeFirst_SchemaWithResolversEnumsAndInputs_Executes()
    {
        var cars = new[] { new Car("1", "Zoe", Fuel.BatteryElectric), new Car("2", "Golf", Fuel.Petrol) };
        var schema = SchemaBuilder.New()
            .AddEnumType<Fuel>()
            .AddInputObjectType("CarFilter", d => d.Field("fuel", "Fuel").Field("limit", "Int", f => f.DefaultValue(10)))
            .AddObjectType("Car", d =>
            {
                d.Field("id").Type("ID!");
                d.Field("name").Type("String!").Description("Display name.");
                d.Field("fuel").Type("Fuel!");
                d.Field("shout").Type("String!").Resolve(c => c.Parent<Car>().Name.ToUpperInvariant());
            })
            .AddQueryType(d => d.Field("cars").Type("[Car!]!").Argument("filter", "CarFilter").ResolveAsync(async c =>
            {
                await Task.Yield();
                var filter = c.ArgumentValue<Dictionary<string, object?>>("filter");
                var fuel = filter?.GetValueOrDefault("fuel");
                return cars.Where(car => fuel is null || Equals(car.Fuel, fuel)).ToList();
            }))
            .Create();

        var result = await new RequestExecutor(schema).ExecuteAsync(new GraphQLRequest("{ cars(filter: {fuel: BATTERY_ELECTRIC}) { id name fuel shout } }"));

        Assert.Equal("""{"data":{"cars":[{"id":"1","name":"Zoe","fuel":"BATTERY_ELECTRIC","shout":"ZOE"}]}}""", result.ToJson());
        Assert.Contains("enum Fuel {\n  PETROL\n  BATTERY_ELECTRIC\n}", schema.Print(), StringComparison.Ordinal);
        Assert.Contains("input CarFilter {\n  fuel: Fuel\n  limit: Int = 10\n}", schema.Print(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidSchema_ListsEveryProblem()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddTypeDefinitions("""
            interface Node { id: ID! }
            type A implements Node { name: String }
            union U = A | Node
            enum Empty
            type Query { a: A b: Missing }
            input In @oneOf { x: Int! }
            """).Create());

        Assert.Contains("Interface field Node.id expected but A does not provide it.", error.Errors);
        Assert.Contains("Union type U can only include Object types, it cannot include Node.", error.Errors);
        Assert.Contains("Enum type Empty must define one or more values.", error.Errors);
        Assert.Contains("Unknown type \"Missing\".", error.Errors);
        Assert.Contains("OneOf input field In.x must be nullable.", error.Errors);
    }

    [Fact]
    public void Create_FieldDefinedTwiceOrSharedRootType_Fails()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddTypeDefinitions("""
            schema { query: Query mutation: Query }
            type Query { a: Int a: String }
            """).Create());
        Assert.Contains("Field \"Query.a\" can only be defined once.", error.Errors);
        Assert.Contains("All root types must be different, \"Query\" type is used as query and mutation root types.", error.Errors);
    }

    [Fact]
    public void Create_WithoutQueryType_Fails()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddTypeDefinitions("type Foo { a: Int }").Create());
        Assert.Contains("Query root type must be provided.", error.Errors);
    }

    [Fact]
    public void Create_ResolverForUndefinedField_Fails()
    {
        var error = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .AddTypeDefinitions("type Query { a: Int }")
            .AddResolver("Query", "b", _ => 1)
            .Create());
        Assert.Contains("A resolver was given for Query.b, which is not defined.", error.Errors);
    }

    [Fact]
    public void Print_DateTimeAndJsonScalars_CarrySpecifiedBy()
    {
        var schema = SchemaBuilder.New().AddTypeDefinitions("type Query { at: DateTime data: JSON }").Create();
        Assert.Contains("scalar DateTime @specifiedBy(url: \"https://datatracker.ietf.org/doc/html/rfc3339\")", schema.Print(), StringComparison.Ordinal);
        Assert.Same(BuiltInScalars.DateTime, schema.GetType("DateTime"));
    }
}
