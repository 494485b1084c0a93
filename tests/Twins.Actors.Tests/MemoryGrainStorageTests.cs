using Twins.Actors.Storage;

namespace Twins.Actors.Tests;

public sealed class MemoryGrainStorageTests : GrainStorageTests
{
    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new MemoryGrainStorage("memory", Serializer));

    protected override Task CorruptAsync(IGrainStorage storage, string stateName, GrainId grainId, byte[] data)
    {
        ((MemoryGrainStorage)storage).SetRaw(stateName, grainId, data);
        return Task.CompletedTask;
    }
}
