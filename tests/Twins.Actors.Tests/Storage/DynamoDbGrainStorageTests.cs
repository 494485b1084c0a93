using Twins.Actors.Storage;
using Twins.Actors.Storage.DynamoDb;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests.Storage;

public sealed class DynamoDbGrainStorageTests(DynaliteFixture dynalite) : GrainStorageTests, IClassFixture<DynaliteFixture>
{
    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new DynamoDbGrainStorage("dynamo", "test", Options(), Serializer));

    protected override Task CorruptAsync(IGrainStorage storage, string stateName, GrainId grainId, byte[] data) =>
        ((DynamoDbGrainStorage)storage).SetRawAsync(stateName, grainId, data);

    [Fact]
    public async Task Write_StateOver400KB_ThrowsAClearStorageError()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<LifecycleState>(new LifecycleState { Note = new string('x', 410 * 1024) });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteStateAsync("shadow", new GrainId("vehicle", "BIG"), state));

        Assert.Contains("400 KB", error.Message, StringComparison.Ordinal);
        Assert.Contains("vehicle/BIG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_SameGrainInTwoServices_IsKeptApart()
    {
        var options = Options();
        var a = new DynamoDbGrainStorage("dynamo", "service-a", options, Serializer);
        var b = new DynamoDbGrainStorage("dynamo", "service-b", options, Serializer);
        var id = new GrainId("vehicle", "SHARED");

        await a.WriteStateAsync("shadow", id, new GrainState<LifecycleState>(new LifecycleState { Value = 1 }));
        var read = new GrainState<LifecycleState>(new LifecycleState());
        await b.ReadStateAsync("shadow", id, read);

        Assert.False(read.RecordExists);
    }

    private DynamoDbOptions Options() => new()
    {
        CreateClient = dynalite.Server.CreateClient,
        TableName = $"state-{Guid.NewGuid():N}",
    };
}
