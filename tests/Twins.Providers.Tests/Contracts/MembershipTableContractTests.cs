using System.Net;
using Orleans;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Twins.Providers.Tests.Contracts;

/// <summary>
/// Orleans' <see cref="IMembershipTable"/> and <see cref="IGatewayListProvider"/> contracts, run against each store:
/// rows and table version change together or not at all, so of racing writers with one version exactly one wins.
/// </summary>
public abstract class MembershipTableContractTests
{
    private static int s_generation = 1000;

    /// <summary>The membership table of the store under test for cluster <paramref name="clusterId"/>, initialized.</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync(string clusterId);

    /// <summary>A client's gateway list over the same store and cluster, initialized.</summary>
    protected abstract Task<IGatewayListProvider> CreateGatewayListAsync(string clusterId);

    private static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");

    private static DateTime Seconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static readonly DateTime Now = Seconds(new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc));

    private static SiloAddress NewSilo(int port = 11111) =>
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Interlocked.Increment(ref s_generation));

    private static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, int proxyPort = 30000) => new()
    {
        SiloAddress = NewSilo(),
        Status = status,
        HostName = "host-a",
        SiloName = "silo-" + Guid.NewGuid().ToString("N")[..6],
        ProxyPort = proxyPort,
        StartTime = Now,
        IAmAliveTime = Now,
    };

    private static MembershipEntry Copy(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = entry.Status,
        SuspectTimes = entry.SuspectTimes is null ? null : [.. entry.SuspectTimes],
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
    };

    [Fact]
    public async Task ReadAll_EmptyTable_VersionZeroWithETag()
    {
        var table = await CreateTableAsync(NewClusterId());

        var data = await table.ReadAllAsync(CancellationToken.None);

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [Fact]
    public async Task InsertRow_ThenReadRow_RoundTripsEveryField()
    {
        var table = await CreateTableAsync(NewClusterId());
        var entry = NewEntry(SiloStatus.Active);
        entry.RoleName = "twins-silo";
        entry.UpdateZone = 3;
        entry.FaultZone = 4;
        entry.StartTime = Now.AddMinutes(-5).AddTicks(1234567);
        entry.IAmAliveTime = Now.AddTicks(7654321);
        entry.SuspectTimes = [Tuple.Create(NewSilo(11112), Now.AddSeconds(1)), Tuple.Create(NewSilo(11113), Now.AddSeconds(2).AddTicks(5))];
        var version = (await table.ReadAllAsync(CancellationToken.None)).Version.Next();

        Assert.True(await table.InsertRowAsync(entry, version));
        var data = await table.ReadRowAsync(entry.SiloAddress);

        var (read, etag) = Assert.Single(data.Members);
        Assert.NotNull(etag);
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(version.VersionEtag, data.Version.VersionEtag);
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(entry.SiloAddress.Generation, read.SiloAddress.Generation);
        Assert.Equal(entry.Status, read.Status);
        Assert.Equal(entry.HostName, read.HostName);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.RoleName, read.RoleName);
        Assert.Equal(entry.ProxyPort, read.ProxyPort);
        Assert.Equal(entry.UpdateZone, read.UpdateZone);
        Assert.Equal(entry.FaultZone, read.FaultZone);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(entry.IAmAliveTime, read.IAmAliveTime);
        Assert.Equal(entry.SuspectTimes, read.SuspectTimes);
        Assert.Equal(entry.ToFullString(), read.ToFullString());
    }

    [Fact]
    public async Task InsertRow_StaleVersionOrExistingRow_FalseAndNothingWritten()
    {
        var table = await CreateTableAsync(NewClusterId());
        var first = NewEntry();
        var version = (await table.ReadAllAsync(CancellationToken.None)).Version.Next();
        Assert.True(await table.InsertRowAsync(first, version));

        Assert.False(await table.InsertRowAsync(NewEntry(), version));
        Assert.False(await table.InsertRowAsync(first, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));

        var data = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(first.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_CurrentETagAndVersion_ReplacesEntryAndAdvancesVersion()
    {
        var table = await CreateTableAsync(NewClusterId());
        var entry = NewEntry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        var data = await table.ReadAllAsync(CancellationToken.None);
        var etag = data.TryGet(entry.SiloAddress)!.Item2;

        entry.Status = SiloStatus.Active;
        entry.AddSuspector(NewSilo(11119), Now.AddSeconds(9));
        Assert.True(await table.UpdateRowAsync(entry, etag, data.Version.Next()));

        var after = await table.ReadAllAsync(CancellationToken.None);
        var (read, newETag) = after.TryGet(entry.SiloAddress)!;
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(entry.SuspectTimes, read.SuspectTimes);
        Assert.Equal(2, after.Version.Version);
        Assert.NotEqual(etag, newETag);
    }

    [Fact]
    public async Task UpdateRow_StaleRowETagOrStaleVersion_FalseAndNothingWritten()
    {
        var table = await CreateTableAsync(NewClusterId());
        var entry = NewEntry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        var before = await table.ReadAllAsync(CancellationToken.None);
        var etag = before.TryGet(entry.SiloAddress)!.Item2;
        entry.Status = SiloStatus.Dead;

        Assert.False(await table.UpdateRowAsync(entry, "stale-etag", before.Version.Next()));
        Assert.False(await table.UpdateRowAsync(entry, etag, new TableVersion(2, "stale-version-etag")));
        Assert.False(await table.UpdateRowAsync(NewEntry(), etag, before.Version.Next()));

        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(etag, after.Members[0].Item2);
    }

    [Fact]
    public async Task InsertRow_RacingWritersWithSameVersion_ExactlyOneWins()
    {
        var table = await CreateTableAsync(NewClusterId());
        var version = (await table.ReadAllAsync(CancellationToken.None)).Version.Next();
        var entries = Enumerable.Range(0, 12).Select(_ => NewEntry()).ToArray();

        var outcomes = await Task.WhenAll(entries.Select(entry => Task.Run(() => table.InsertRowAsync(entry, version))));

        Assert.Single(outcomes, won => won);
        var winner = entries[Array.IndexOf(outcomes, true)];
        var data = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(winner.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_RacingWritersWithSameETagAndVersion_ExactlyOneWinsAndTableStaysConsistent()
    {
        var table = await CreateTableAsync(NewClusterId());
        var silos = Enumerable.Range(0, 3).Select(_ => NewEntry()).ToArray();
        foreach (var silo in silos)
        {
            Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        }

        var read = await table.ReadAllAsync(CancellationToken.None);
        // Every writer read the same table: each updates one of the silos (two per silo) with that snapshot.
        var writers = Enumerable.Range(0, 6).Select(i =>
        {
            var (stored, etag) = read.TryGet(silos[i % silos.Length].SiloAddress)!;
            var entry = Copy(stored);
            entry.Status = SiloStatus.Active;
            entry.UpdateZone = 100 + i;
            return (Entry: entry, ETag: etag, Version: read.Version.Next());
        }).ToArray();

        var outcomes = await Task.WhenAll(writers.Select(w => Task.Run(() => table.UpdateRowAsync(w.Entry, w.ETag, w.Version))));

        Assert.Single(outcomes, won => won);
        var winner = writers[Array.IndexOf(outcomes, true)].Entry;
        var after = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(3, after.Members.Count);
        Assert.Equal([winner.SiloAddress], after.Members.Where(m => m.Item1.Status == SiloStatus.Active).Select(m => m.Item1.SiloAddress));
        Assert.Equal(winner.UpdateZone, after.TryGet(winner.SiloAddress)!.Item1.UpdateZone);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyHeartbeat_PendingUpdateStillValid()
    {
        var table = await CreateTableAsync(NewClusterId());
        var entry = NewEntry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        var before = await table.ReadAllAsync(CancellationToken.None);
        var etag = before.TryGet(entry.SiloAddress)!.Item2;

        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = Now.AddMinutes(3) });

        var after = await table.ReadAllAsync(CancellationToken.None);
        var (read, _) = after.TryGet(entry.SiloAddress)!;
        Assert.Equal(Now.AddMinutes(3), read.IAmAliveTime);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.Status, read.Status);
        Assert.Equal(before.Version, after.Version);
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, etag, before.Version.Next()));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOldEntriesThatAreNotActive()
    {
        var table = await CreateTableAsync(NewClusterId());
        var old = Now.AddDays(-10);
        var oldDead = NewEntry(SiloStatus.Dead);
        oldDead.StartTime = oldDead.IAmAliveTime = old;
        var oldJoining = NewEntry(SiloStatus.Joining);
        oldJoining.StartTime = oldJoining.IAmAliveTime = old;
        var oldActive = NewEntry(SiloStatus.Active);
        oldActive.StartTime = oldActive.IAmAliveTime = old;
        var recentlyDeclaredDead = NewEntry(SiloStatus.Dead);
        recentlyDeclaredDead.StartTime = recentlyDeclaredDead.IAmAliveTime = old;
        recentlyDeclaredDead.AddSuspector(NewSilo(11120), Now);
        var recentDead = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { oldDead, oldJoining, oldActive, recentlyDeclaredDead, recentDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(Now.AddDays(-3));

        var left = (await table.ReadAllAsync(CancellationToken.None)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([oldActive.SiloAddress, recentlyDeclaredDead.SiloAddress, recentDead.SiloAddress], left.OrderBy(s => s.Generation));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesOnlyThatCluster()
    {
        var clusterId = NewClusterId();
        var otherId = NewClusterId();
        var table = await CreateTableAsync(clusterId);
        var other = await CreateTableAsync(otherId);
        Assert.True(await table.InsertRowAsync(NewEntry(), (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        Assert.True(await other.InsertRowAsync(NewEntry(), (await other.ReadAllAsync(CancellationToken.None)).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(clusterId);

        Assert.Empty((await table.ReadAllAsync(CancellationToken.None)).Members);
        Assert.Single((await other.ReadAllAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task GetGateways_ActiveSilosWithProxyPortOnly()
    {
        var clusterId = NewClusterId();
        var table = await CreateTableAsync(clusterId);
        var active = NewEntry(SiloStatus.Active, proxyPort: 30001);
        var noGateway = NewEntry(SiloStatus.Active, proxyPort: 0);
        var joining = NewEntry(SiloStatus.Joining, proxyPort: 30002);
        var dead = NewEntry(SiloStatus.Dead, proxyPort: 30003);
        foreach (var entry in new[] { active, noGateway, joining, dead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(CancellationToken.None)).Version.Next()));
        }

        var gateways = await (await CreateGatewayListAsync(clusterId)).GetGatewaysAsync(CancellationToken.None);

        var expected = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 30001), active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
    }
}
