using Twins.Actors.Reminders;
using Twins.Actors.Storage.DynamoDb;
using Twins.Testing;

namespace Twins.Actors.Tests.Storage;

public sealed class DynamoDbReminderTableTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly GrainId Grain = new("vehicle", "R1");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private DynamoDbReminderTable Create(string service = "test", string? table = null) =>
        new(service, new DynamoDbOptions { CreateClient = dynalite.Server.CreateClient, TableName = table ?? $"reminders-{Guid.NewGuid():N}" });

    private static ReminderEntry Entry(string name, TimeSpan period) => new()
    {
        GrainId = Grain,
        ReminderName = name,
        StartAt = Start,
        NextDueAt = Start.AddSeconds(30),
        Period = period,
    };

    [Fact]
    public async Task Upsert_ThenRead_RoundTripsEveryField()
    {
        var table = Create();
        var etag = await table.UpsertRowAsync(Entry("expiry", Timeout.InfiniteTimeSpan));
        await table.UpsertRowAsync(Entry("tick", TimeSpan.FromMinutes(1)));

        var row = await table.ReadRowAsync(Grain, "expiry");
        var all = await table.ReadRowsAsync(Grain);

        Assert.Equal(etag, row!.ETag);
        Assert.True(row.IsOneShot);
        Assert.Equal(Start.AddSeconds(30), row.NextDueAt);
        Assert.Equal(["expiry", "tick"], all.Select(r => r.ReminderName).Order());
        Assert.Equal(TimeSpan.FromMinutes(1), all.Single(r => r.ReminderName == "tick").Period);
    }

    [Fact]
    public async Task Update_StaleETag_ReturnsNullAndKeepsTheRow()
    {
        var table = Create();
        var first = await table.UpsertRowAsync(Entry("tick", TimeSpan.FromMinutes(1)));
        var second = await table.UpdateRowAsync(Entry("tick", TimeSpan.FromMinutes(1)) with { NextDueAt = Start.AddMinutes(2) }, first);

        var stale = await table.UpdateRowAsync(Entry("tick", TimeSpan.FromMinutes(1)) with { NextDueAt = Start.AddMinutes(9) }, first);

        Assert.NotNull(second);
        Assert.Null(stale);
        Assert.Equal(Start.AddMinutes(2), (await table.ReadRowAsync(Grain, "tick"))!.NextDueAt);
        Assert.False(await table.RemoveRowAsync(Grain, "tick", first));
        Assert.True(await table.RemoveRowAsync(Grain, "tick", second));
        Assert.Null(await table.ReadRowAsync(Grain, "tick"));
    }

    [Fact]
    public async Task ReadAll_TwoServicesInOneTable_SeesOnlyItsOwn()
    {
        var name = $"reminders-{Guid.NewGuid():N}";
        var mine = Create("mine", name);
        var theirs = Create("theirs", name);
        await mine.UpsertRowAsync(Entry("a", TimeSpan.FromMinutes(1)));
        await theirs.UpsertRowAsync(Entry("b", TimeSpan.FromMinutes(1)));

        var rows = await mine.ReadAllRowsAsync();

        Assert.Equal(["a"], rows.Select(r => r.ReminderName));
    }
}
