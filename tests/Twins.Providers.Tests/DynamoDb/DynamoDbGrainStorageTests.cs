using Orleans.Storage;
using Twins.Providers.DynamoDb;
using Twins.Providers.Tests.Contracts;
using Twins.Testing;

namespace Twins.Providers.Tests.DynamoDb;

public sealed class DynamoDbGrainStorageTests(DynaliteFixture dynalite) : GrainStorageContractTests, IClassFixture<DynaliteFixture>
{
    private readonly string _table = "state-" + Guid.NewGuid().ToString("N");

    protected override async Task<IGrainStorage> CreateStorageAsync(string serviceId = "service", bool deleteStateOnClear = false)
    {
        var storage = new DynamoDbGrainStorage("dynamodb", new DynamoDbStorageOptions
        {
            CreateClient = dynalite.Server.CreateClient,
            TableName = _table,
            DeleteStateOnClear = deleteStateOnClear,
            GrainStorageSerializer = JsonStateSerializer.Instance,
        }, serviceId);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    [Fact]
    public async Task Write_StateOverTheItemLimit_FailsNamingTheLimitAndWritesNothing()
    {
        var storage = await CreateStorageAsync();
        var grain = GrainId.Create("vehicle", "big");
        var state = new GrainState<TestState> { State = new TestState { Name = new string('x', 500 * 1024) } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteStateAsync("state", grain, state));

        Assert.Contains("400 KB", error.Message, StringComparison.Ordinal);
        var read = new GrainState<TestState> { State = new TestState() };
        await storage.ReadStateAsync("state", grain, read);
        Assert.False(read.RecordExists);
    }
}
