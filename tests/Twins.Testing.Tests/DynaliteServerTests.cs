using Amazon.DynamoDBv2.Model;

namespace Twins.Testing.Tests;

public sealed class DynaliteServerTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task CreateClient_SignedListTables_SeesACreatedTable()
    {
        using var client = dynalite.Server.CreateClient();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "fixture-check",
            KeySchema = [new KeySchemaElement("pk", Amazon.DynamoDBv2.KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
        });

        var tables = await client.ListTablesAsync(new ListTablesRequest());

        Assert.Contains("fixture-check", tables.TableNames);
    }
}
