using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;
using Twins.Actors.Internal;
using Twins.Actors.Reminders;
using Twins.Actors.Tests.Grains;
using Twins.Testing;

namespace Twins.Actors.Tests;

public sealed class ReminderServiceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-reminders-").FullName;
    private ClusterFixture _fixture = null!;

    private string DataSource => Path.Combine(_folder, "twins.db");

    public async Task InitializeAsync() => _fixture = await ClusterFixture.StartAsync(silo => silo
        .AddSqliteGrainStorage("store", o => o.DataSource = DataSource)
        .UseSqliteReminders(o => o.DataSource = DataSource));

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteReminderTable Table => new SqliteReminderTable(new() { DataSource = DataSource });

    [Fact]
    public async Task Reminder_Periodic_FiresAtEachDueTimeAsAGrainCall()
    {
        var grain = _fixture.Client.GetGrain<IReminderGrain>("car");
        await grain.RemindAsync("check", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        await AdvanceAndDeliverAsync(TimeSpan.FromSeconds(5));
        await AdvanceAndDeliverAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["car:check@00:00:05", "car:check@00:00:15"], _fixture.Journal.Entries);
    }

    [Fact]
    public async Task Reminder_OneShot_FiresOnceAndIsRemoved()
    {
        var grain = _fixture.Client.GetGrain<IReminderGrain>("once");
        await grain.RemindAsync("expire", TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);

        _fixture.Time.Advance(TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(async () => await Table.ReadRowAsync(grain.GetGrainId(), "expire") is null, "the one-shot reminder row to be removed");
        _fixture.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(await grain.GetRemindersAsync());
        Assert.Equal(["once:expire@00:00:30"], _fixture.Journal.Entries);
    }

    [Fact]
    public async Task Reminder_Unregistered_NeverFires()
    {
        var grain = _fixture.Client.GetGrain<IReminderGrain>("cancelled");
        await grain.RemindAsync("check", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        await grain.ForgetAsync("check");
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await grain.GetRemindersAsync());
        Assert.Empty(_fixture.Journal.Entries);
    }

    [Fact]
    public async Task Reminder_DueWhileSiloWasDown_FiresOnceAfterRestartThenResumesItsPeriod()
    {
        var grain = _fixture.Client.GetGrain<IReminderGrain>("sleeper");
        await grain.RemindAsync("rotate", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        await _fixture.Cluster.StopSiloAsync(_fixture.Cluster.Primary);

        _fixture.Time.Advance(TimeSpan.FromHours(3));
        await _fixture.Cluster.StartSiloAsync();
        grain = _fixture.Client.GetGrain<IReminderGrain>("sleeper");
        await AdvanceAndDeliverAsync(TimeSpan.Zero);
        Assert.Equal(["sleeper:rotate@00:01:00"], _fixture.Journal.Entries);

        // Missed ticks (01:01, 02:01) were covered by that one; the period resumes at 03:01.
        await AdvanceAndDeliverAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["sleeper:rotate@00:01:00", "sleeper:rotate@03:01:00"], _fixture.Journal.Entries);
    }

    /// <summary>
    /// Moves the clock (the reminder's timer fires inside Advance and queues the grain call), then waits
    /// until the service has handled the tick and re-armed its timer, so the next Advance finds it.
    /// </summary>
    private async Task AdvanceAndDeliverAsync(TimeSpan by)
    {
        var service = _fixture.Cluster.Primary.Services.GetRequiredService<ReminderService>();
        var before = service.CompletedTicks;
        _fixture.Time.Advance(by);
        await Poll.UntilAsync(() => service.CompletedTicks > before, "the reminder tick to be handled");
    }
}
