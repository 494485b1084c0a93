using Twins.Actors.Storage;

namespace Twins.Actors.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-sqlite-db-").FullName;

    [Fact]
    public async Task OpenAsync_EveryConnection_UsesNormalSynchronousAndBusyTimeout()
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "twins.db"));

        // Hold the first connection open so the second is a fresh one, not the pooled first.
        await using var first = await database.OpenAsync(CancellationToken.None);
        await using var second = await database.OpenAsync(CancellationToken.None);

        foreach (var connection in new[] { first, second })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal(1L, await command.ExecuteScalarAsync()); // 1 = NORMAL; FULL (2) would fsync every write
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(30000L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
