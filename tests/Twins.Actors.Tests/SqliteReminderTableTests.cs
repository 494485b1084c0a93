using Twins.Actors.Reminders;
using Twins.Actors.Storage;

namespace Twins.Actors.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-sqlite-reminders-").FullName;

    [Fact]
    public async Task UpdateRow_ConcurrentWithAStaleOne_OnlyTheCurrentETagWins()
    {
        var table = Table();
        var rows = Enumerable.Range(0, 16).Select(i => Entry("R" + i)).ToArray();
        var etags = await Task.WhenAll(rows.Select(r => table.UpsertRowAsync(r)));

        var updates = rows.Select((r, i) => table.UpdateRowAsync(r with { NextDueAt = Start.AddHours(1) }, etags[i])).ToList();
        var stale = table.UpdateRowAsync(rows[0] with { NextDueAt = Start.AddHours(2) }, "stale");
        var results = await Task.WhenAll(updates);

        Assert.Null(await stale);
        Assert.All(results, Assert.NotNull);
        var stored = await table.ReadAllRowsAsync();
        Assert.Equal(16, stored.Count);
        Assert.All(stored, r => Assert.Equal(Start.AddHours(1), r.NextDueAt));
        Assert.Equal(results.Order(StringComparer.Ordinal), stored.Select(r => r.ETag!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveRow_StaleETag_KeepsTheRowAndCurrentETagRemovesIt()
    {
        var table = Table();
        var etag = await table.UpsertRowAsync(Entry("R"));

        Assert.False(await table.RemoveRowAsync(new GrainId("vehicle", "V"), "R", "stale"));
        Assert.NotNull(await table.ReadRowAsync(new GrainId("vehicle", "V"), "R"));
        Assert.True(await table.RemoveRowAsync(new GrainId("vehicle", "V"), "R", etag));
        Assert.Null(await table.ReadRowAsync(new GrainId("vehicle", "V"), "R"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteReminderTable Table() =>
        new(new SqliteStorageOptions { DataSource = Path.Combine(_folder, "twins.db") });

    private static ReminderEntry Entry(string name) => new()
    {
        GrainId = new GrainId("vehicle", "V"),
        ReminderName = name,
        StartAt = Start,
        Period = TimeSpan.FromMinutes(1),
        NextDueAt = Start,
    };
}
