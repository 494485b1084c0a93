using Orleans;
using Orleans.Runtime;

namespace Twins.Providers.Tests.Contracts;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> contract, run against each store: upsert returns a new ETag, a removal with
/// a stale ETag removes nothing, and hash-range reads cover (begin, end] including the wrap-around.
/// </summary>
public abstract class ReminderTableContractTests
{
    private static readonly DateTime Start = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The reminder table of the store under test for service <paramref name="serviceId"/>, started.</summary>
    protected abstract Task<IReminderTable> CreateTableAsync(string serviceId);

    private static string NewServiceId() => "service-" + Guid.NewGuid().ToString("N");

    private static GrainId NewGrain() => GrainId.Create("vehicle", "VIN-" + Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = Start.AddTicks(12345),
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task UpsertRow_ThenReadRow_RoundTripsEntryWithTheReturnedETag()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();

        var etag = await table.UpsertRow(Entry(grain, "expiry", TimeSpan.FromSeconds(90)));
        var read = await table.ReadRow(grain, "expiry");

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("expiry", read.ReminderName);
        Assert.Equal(Start.AddTicks(12345), read.StartAt);
        Assert.Equal(TimeSpan.FromSeconds(90), read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task ReadRow_NoSuchReminder_Null()
    {
        var table = await CreateTableAsync(NewServiceId());

        Assert.Null(await table.ReadRow(NewGrain(), "missing"));
    }

    [Fact]
    public async Task UpsertRow_Again_ReplacesEntryAndReturnsNewETag()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var first = await table.UpsertRow(Entry(grain, "r"));

        var second = await table.UpsertRow(Entry(grain, "r", TimeSpan.FromHours(1)));

        Assert.NotEqual(first, second);
        var read = await table.ReadRow(grain, "r");
        Assert.Equal(TimeSpan.FromHours(1), read!.Period);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task RemoveRow_StaleETag_FalseAndReminderKept()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var stale = await table.UpsertRow(Entry(grain, "r"));
        var current = await table.UpsertRow(Entry(grain, "r"));

        Assert.False(await table.RemoveRow(grain, "r", stale!));

        Assert.Equal(current, (await table.ReadRow(grain, "r"))?.ETag);
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_TrueAndReminderGone()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        var etag = await table.UpsertRow(Entry(grain, "r"));
        await table.UpsertRow(Entry(grain, "kept"));

        Assert.True(await table.RemoveRow(grain, "r", etag!));

        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.NotNull(await table.ReadRow(grain, "kept"));
        Assert.False(await table.RemoveRow(grain, "r", etag!));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsThatGrainsRemindersOnly()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        await table.UpsertRow(Entry(grain, "a"));
        await table.UpsertRow(Entry(grain, "b"));
        await table.UpsertRow(Entry(NewGrain(), "a"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task ReadRows_ByHashRange_ReturnsGrainsInBeginExclusiveEndInclusive()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grains = await UpsertGrainsAsync(table, 24);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        // A range whose bounds are stored hashes: begin's grain is excluded, end's included.
        var begin = hashes[5];
        var end = hashes[15];

        var rows = await table.ReadRows(begin, end);

        Assert.Equal(Expected(grains, h => h > begin && h <= end), Actual(rows));
        Assert.Equal(10, rows.Reminders.Count);
    }

    [Fact]
    public async Task ReadRows_ByHashRange_BeginAfterEnd_WrapsAround()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grains = await UpsertGrainsAsync(table, 24);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var begin = hashes[18];
        var end = hashes[3];

        var rows = await table.ReadRows(begin, end);

        Assert.Equal(Expected(grains, h => h > begin || h <= end), Actual(rows));
        Assert.Equal(24 - 18 - 1 + 4, rows.Reminders.Count);
    }

    [Fact]
    public async Task ReadRows_ByHashRange_BeginEqualsEnd_WholeRing()
    {
        var table = await CreateTableAsync(NewServiceId());
        var grains = await UpsertGrainsAsync(table, 8);
        var anchor = grains[0].GetUniformHashCode();

        var rows = await table.ReadRows(anchor, anchor);

        Assert.Equal(8, rows.Reminders.Count);
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesThisServicesRemindersOnly()
    {
        var table = await CreateTableAsync(NewServiceId());
        var other = await CreateTableAsync(NewServiceId());
        var grain = NewGrain();
        await table.UpsertRow(Entry(grain, "a"));
        await other.UpsertRow(Entry(grain, "a"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
        Assert.Single((await other.ReadRows(grain)).Reminders);
    }

    private static async Task<GrainId[]> UpsertGrainsAsync(IReminderTable table, int count)
    {
        var grains = Enumerable.Range(0, count).Select(_ => NewGrain()).ToArray();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "tick"));
        }

        return grains;
    }

    private static IEnumerable<string> Expected(IEnumerable<GrainId> grains, Func<uint, bool> inRange) =>
        grains.Where(g => inRange(g.GetUniformHashCode())).Select(g => g.ToString()).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Actual(ReminderTableData rows) =>
        rows.Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal);
}
