using Orleans.Configuration;
using Orleans.Messaging;
using Twins.Providers.DynamoDb;
using Twins.Providers.Tests.Contracts;
using Twins.Testing;

namespace Twins.Providers.Tests.DynamoDb;

public sealed class DynamoDbMembershipTableTests(DynaliteFixture dynalite) : MembershipTableContractTests, IClassFixture<DynaliteFixture>
{
    private readonly string _table = "members-" + Guid.NewGuid().ToString("N");

    private DynamoDbClusteringOptions Options => new() { CreateClient = dynalite.Server.CreateClient, TableName = _table };

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId)
    {
        var table = new DynamoDbMembershipTable(Options, clusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        return table;
    }

    protected override async Task<IGatewayListProvider> CreateGatewayListAsync(string clusterId)
    {
        var provider = new DynamoDbGatewayListProvider(
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Microsoft.Extensions.Options.Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);
        return provider;
    }

    [Fact]
    public async Task InsertRow_BeforeAnyoneInitializedTheCluster_CreatesItsItem()
    {
        var table = new DynamoDbMembershipTable(Options, "uninitialized-" + Guid.NewGuid().ToString("N"));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: false, CancellationToken.None);
        var empty = await table.ReadAllAsync(CancellationToken.None);
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111), 7),
            Status = SiloStatus.Joining,
            SiloName = "first",
            HostName = "host",
        };

        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next(), CancellationToken.None));

        var data = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal("first", Assert.Single(data.Members).Item1.SiloName);
        Assert.Equal(1, data.Version.Version);
    }
}
