using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Twins.Providers.Sqlite;
using Twins.Providers.Tests.Contracts;

namespace Twins.Providers.Tests.Sqlite;

public sealed class SqliteMembershipTableTests : MembershipTableContractTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("twins-providers-");

    private SqliteClusteringOptions Options => new() { DataSource = Path.Combine(_folder.FullName, "cluster.db") };

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId)
    {
        var table = new SqliteMembershipTable(Options, clusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        return table;
    }

    protected override async Task<IGatewayListProvider> CreateGatewayListAsync(string clusterId)
    {
        var provider = new SqliteGatewayListProvider(
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Microsoft.Extensions.Options.Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);
        return provider;
    }

    [Fact]
    public async Task InsertRow_TwoTablesOverOneFile_SeeEachOthersRows()
    {
        var clusterId = "shared-" + Guid.NewGuid().ToString("N");
        var silo1 = await CreateTableAsync(clusterId);
        var silo2 = await CreateTableAsync(clusterId);
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111), 1),
            Status = SiloStatus.Joining,
            SiloName = "silo-1",
            HostName = "host",
        };

        Assert.True(await silo1.InsertRowAsync(entry, (await silo1.ReadAllAsync(CancellationToken.None)).Version.Next()));

        var seen = await silo2.ReadAllAsync(CancellationToken.None);
        Assert.Equal("silo-1", Assert.Single(seen.Members).Item1.SiloName);
        Assert.Equal(1, seen.Version.Version);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
