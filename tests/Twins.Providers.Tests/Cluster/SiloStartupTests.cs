using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Hosting;
using Twins.Providers.DynamoDb;
using Twins.Providers.Sqlite;
using Twins.Testing;

namespace Twins.Providers.Tests.Cluster;

/// <summary>A silo whose provider is misconfigured or whose store does not answer does not start, and says why.</summary>
public sealed class SiloStartupTests
{
    [Fact]
    public async Task Start_SqliteStorageWithoutDataSource_FailsNamingTheSetting()
    {
        using var silo = BuildSilo(s => s.AddSqliteGrainStorage("state", o => o.SettingName = "Twins:Storage:Sqlite:DataSource"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync());

        Assert.Contains("Twins:Storage:Sqlite:DataSource is not set", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DynamoDbStorageNotAnswering_FailsNamingEndpointAndSetting()
    {
        var endpoint = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var silo = BuildSilo(s => s.AddDynamoDbGrainStorage("state", o =>
        {
            o.CreateClient = () => new AmazonDynamoDBClient(new BasicAWSCredentials("twins-test", "twins-test-secret"), new AmazonDynamoDBConfig
            {
                ServiceURL = endpoint,
                AuthenticationRegion = "us-east-1",
                MaxErrorRetry = 0,
            });
            o.SettingName = "Twins:Cluster:DynamoDb:ServiceUrl";
        }));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync());

        Assert.Contains($"DynamoDB at {endpoint} (Twins:Cluster:DynamoDb:ServiceUrl) did not answer", Flatten(error), StringComparison.Ordinal);
    }

    private static IHost BuildSilo(Action<ISiloBuilder> addProviders)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), primarySiloEndpoint: null, clusterId: "startup-" + Guid.NewGuid().ToString("N"));
            addProviders(silo);
        });
        return builder.Build();
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
