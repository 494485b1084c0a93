using Twins.Providers.DynamoDb;
using Twins.Providers.Tests.Contracts;
using Twins.Testing;

namespace Twins.Providers.Tests.DynamoDb;

public sealed class DynamoDbReminderTableTests(DynaliteFixture dynalite) : ReminderTableContractTests, IClassFixture<DynaliteFixture>
{
    private readonly string _table = "reminders-" + Guid.NewGuid().ToString("N");

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId)
    {
        var table = new DynamoDbReminderTable(new DynamoDbReminderOptions { CreateClient = dynalite.Server.CreateClient, TableName = _table }, serviceId);
        await table.StartAsync();
        return table;
    }
}
