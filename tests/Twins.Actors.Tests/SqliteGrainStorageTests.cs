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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
