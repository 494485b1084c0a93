using Twins.Actors.Storage;

namespace Twins.Actors.Tests;

public sealed class SqliteGrainStorageTests : GrainStorageTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-sqlite-").FullName;

    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage("sqlite", new SqliteStorageOptions { DataSource = Path.Combine(_folder, "twins.db") }, Serializer));

    protected override Task CorruptAsync(IGrainStorage storage, string stateName, GrainId grainId, byte[] data) =>
        ((SqliteGrainStorage)storage).SetRawAsync(stateName, grainId, data);

    [Fact]
    public async Task Open_NewFile_UsesWriteAheadLogging()
    {
        var storage = (SqliteGrainStorage)await CreateStorageAsync();
        await storage.WriteStateAsync("shadow", new GrainId("vehicle", "A"), new GrainState<int>(1));

        Assert.True(File.Exists(storage.DataSource + "-wal"), "SQLite should keep a -wal file beside the database in WAL mode.");
    }

    [Fact]
    public async Task Write_ManyGrainsConcurrently_EachKeepsItsOwnETagAndState()
    {
        var storage = (SqliteGrainStorage)await CreateStorageAsync();
        var states = Enumerable.Range(0, 64).Select(i => new GrainState<int>(i)).ToArray();

        await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("shadow", new GrainId("vehicle", "V" + i), s)));

        Assert.Equal(states.Length, states.Select(s => s.ETag).Distinct().Count());
        for (var i = 0; i < states.Length; i++)
        {
            var read = new GrainState<int>(-1);
            await storage.ReadStateAsync("shadow", new GrainId("vehicle", "V" + i), read);
            Assert.Equal(i, read.State);
            Assert.Equal(states[i].ETag, read.ETag);
        }
    }

    [Fact]
    public async Task Write_StaleWriterAmongConcurrentOnes_FailsAloneAndTheOthersAreStored()
    {
        var storage = (SqliteGrainStorage)await CreateStorageAsync();
        var contested = new GrainId("vehicle", "CONTESTED");
        var current = new GrainState<int>(1);
        await storage.WriteStateAsync("shadow", contested, current);
        var stale = new GrainState<int>(2) { ETag = "not-the-stored-one", RecordExists = true };
        var others = Enumerable.Range(0, 16).Select(i => new GrainState<int>(100 + i)).ToArray();

        var writes = others.Select((s, i) => storage.WriteStateAsync("shadow", new GrainId("vehicle", "O" + i), s)).ToList();
        var staleWrite = storage.WriteStateAsync("shadow", contested, stale);
        await Task.WhenAll(writes);

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        var read = new GrainState<int>(0);
        await storage.ReadStateAsync("shadow", contested, read);
        Assert.Equal(1, read.State);
        Assert.Equal(current.ETag, read.ETag);
        for (var i = 0; i < others.Length; i++)
        {
            await storage.ReadStateAsync("shadow", new GrainId("vehicle", "O" + i), read);
            Assert.Equal(100 + i, read.State);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
