using Twins.Actors.Membership;

namespace Twins.Actors.Tests.Cluster;

/// <summary>The contract every membership table passes (memory, SQLite, DynamoDB).</summary>
public abstract class MembershipTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<IMembershipTable> CreateTableAsync();

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        Silo = new SiloAddress("127.0.0.1", port, 7),
        SiloName = $"silo{port}",
        Status = status,
        HeartbeatAt = Start,
        StartedAt = Start,
    };

    [Fact]
    public async Task Read_Empty_VersionZeroNoRows()
    {
        var table = await CreateTableAsync();

        var snapshot = await table.ReadAllAsync();

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Entries);
    }

    [Fact]
    public async Task WriteStatus_EachChange_BumpsTheVersionWithTheRow()
    {
        var table = await CreateTableAsync();

        Assert.True(await table.TryWriteStatusAsync(Entry(1, SiloStatus.Joining), 0));
        Assert.True(await table.TryWriteStatusAsync(Entry(1, SiloStatus.Active), 1));
        Assert.True(await table.TryWriteStatusAsync(Entry(2, SiloStatus.Joining), 2));
        var snapshot = await table.ReadAllAsync();

        Assert.Equal(3, snapshot.Version);
        Assert.Equal(SiloStatus.Active, snapshot.Find(Entry(1, SiloStatus.None).Silo)!.Status);
        Assert.Equal(SiloStatus.Joining, snapshot.Find(Entry(2, SiloStatus.None).Silo)!.Status);
        Assert.Equal("silo2", snapshot.Find(Entry(2, SiloStatus.None).Silo)!.SiloName);
    }

    [Fact]
    public async Task WriteStatus_StaleVersion_RejectedAndNothingChanges()
    {
        var table = await CreateTableAsync();
        await table.TryWriteStatusAsync(Entry(1, SiloStatus.Active), 0);
        await table.TryWriteStatusAsync(Entry(2, SiloStatus.Active), 1);

        var written = await table.TryWriteStatusAsync(Entry(1, SiloStatus.Dead), 1);
        var snapshot = await table.ReadAllAsync();

        Assert.False(written);
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(SiloStatus.Active, snapshot.Find(Entry(1, SiloStatus.None).Silo)!.Status);
    }

    [Fact]
    public async Task Heartbeat_LiveRow_StoredWithoutChangingTheVersion()
    {
        var table = await CreateTableAsync();
        await table.TryWriteStatusAsync(Entry(1, SiloStatus.Active), 0);

        Assert.True(await table.HeartbeatAsync(Entry(1, SiloStatus.None).Silo, Start.AddSeconds(5)));
        var snapshot = await table.ReadAllAsync();

        Assert.Equal(1, snapshot.Version);
        Assert.Equal(Start.AddSeconds(5), snapshot.Entries[0].HeartbeatAt);
    }

    [Fact]
    public async Task Heartbeat_DeadOrMissingRow_Refused()
    {
        var table = await CreateTableAsync();
        await table.TryWriteStatusAsync(Entry(1, SiloStatus.Active), 0);
        await table.TryWriteStatusAsync(Entry(1, SiloStatus.Dead), 1);

        Assert.False(await table.HeartbeatAsync(Entry(1, SiloStatus.None).Silo, Start.AddSeconds(5)));
        Assert.False(await table.HeartbeatAsync(Entry(9, SiloStatus.None).Silo, Start.AddSeconds(5)));
        Assert.Equal(Start, (await table.ReadAllAsync()).Entries[0].HeartbeatAt);
    }
}
