using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Twins.Providers.DynamoDb;

/// <summary>A cluster client's list of gateways: the active silos with a proxy port in the DynamoDB membership table.</summary>
internal sealed class DynamoDbGatewayListProvider : IGatewayListProvider
{
    private readonly DynamoDbMembershipTable _table;

    public DynamoDbGatewayListProvider(IOptions<DynamoDbClusteringOptions> options, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(gateway);
        _table = new DynamoDbMembershipTable(options.Value, cluster.Value.ClusterId);
        MaxStaleness = gateway.Value.GatewayListRefreshPeriod;
    }

    public TimeSpan MaxStaleness { get; }

    [Obsolete("Orleans no longer reads it; every provider is updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) => _table.EnsureTableAsync(cancellationToken);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken) => _table.ReadGatewaysAsync(cancellationToken);
}
