using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Providers.DynamoDb;
using Twins.Testing;

namespace Twins.Providers.Tests.DynamoDb;

/// <summary>Start-up against a DynamoDB endpoint where nothing listens: every provider fails naming endpoint and setting.</summary>
public sealed class DynamoDbUnreachableTests
{
    private const string Setting = "Twins:Cluster:DynamoDb:ServiceUrl";
    private readonly string _endpoint = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

    private AmazonDynamoDBClient CreateClient() =>
        new(new BasicAWSCredentials("twins-test", "twins-test-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = _endpoint,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    private void AssertNamesEndpointAndSetting(StoreUnavailableException error)
    {
        Assert.StartsWith($"DynamoDB at {_endpoint} ({Setting}) did not answer: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainStorage_StartUp_FailsNamingEndpointAndSetting()
    {
        var storage = new DynamoDbGrainStorage("dynamodb", new DynamoDbStorageOptions { CreateClient = CreateClient, SettingName = Setting, GrainStorageSerializer = JsonStateSerializer.Instance }, "service");

        AssertNamesEndpointAndSetting(await Assert.ThrowsAsync<StoreUnavailableException>(() => storage.InitializeAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task MembershipTable_Initialize_FailsNamingEndpointAndSetting()
    {
        var table = new DynamoDbMembershipTable(new DynamoDbClusteringOptions { CreateClient = CreateClient, SettingName = Setting }, "cluster");

        AssertNamesEndpointAndSetting(await Assert.ThrowsAsync<StoreUnavailableException>(() => table.InitializeMembershipTableAsync(true, CancellationToken.None)));
    }

    [Fact]
    public async Task GatewayList_Initialize_FailsNamingEndpointAndSetting()
    {
        var provider = new DynamoDbGatewayListProvider(
            Options.Create(new DynamoDbClusteringOptions { CreateClient = CreateClient, SettingName = Setting }),
            Options.Create(new ClusterOptions()),
            Options.Create(new GatewayOptions()));

        AssertNamesEndpointAndSetting(await Assert.ThrowsAsync<StoreUnavailableException>(() => provider.InitializeGatewayListProviderAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task ReminderTable_Start_FailsNamingEndpointAndSetting()
    {
        var table = new DynamoDbReminderTable(new DynamoDbReminderOptions { CreateClient = CreateClient, SettingName = Setting }, "service");

        AssertNamesEndpointAndSetting(await Assert.ThrowsAsync<StoreUnavailableException>(() => table.StartAsync()));
    }
}
