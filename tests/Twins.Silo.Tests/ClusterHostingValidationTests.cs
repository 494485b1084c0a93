using Microsoft.Extensions.Options;
using Twins.Silo.Hosting;

namespace Twins.Silo.Tests;

/// <summary>Cluster settings that do not fit together stop the process before it starts, with one message per key.</summary>
public sealed class ClusterHostingValidationTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-cluster-settings-").FullName;

    [Fact]
    public void Build_UnknownProvider_FailsNamingTheKeyAndTheChoices()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("--Twins:Cluster:Provider", "Dynamo"));

        Assert.Contains("Twins:Cluster:Provider must be one of Local, Sqlite, DynamoDb (got 'Dynamo').", error.Failures);
    }

    [Fact]
    public void Build_GatewayRoleWithoutCluster_FailsSayingWhichProviderToSet()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("--Twins:Role", "Gateway"));

        Assert.Contains(error.Failures, f => f.StartsWith("Twins:Role=Gateway runs the gateway as a client of a cluster", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ClusteredSiloMissingNameCaRuleAndBadUrl_ListsEveryProblem()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(
            "--Twins:Cluster:Provider", "DynamoDb", "--Twins:Cluster:DynamoDb:ServiceUrl", "localhost:8000", "--Twins:Cluster:AdvertisedHost", "0.0.0.0"));

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Twins:Cluster:DynamoDb:ServiceUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("set Twins:Silo:SiloName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Twins:Cluster:AdvertisedHost is the address other silos and gateways connect to", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("A clustered silo must share one fleet CA", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SqliteProviderWithoutDatabase_FailsNamingTheFileSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(
            "--Twins:Cluster:Provider", "Sqlite", "--Twins:Silo:SiloName", "s1", "--Twins:Cluster:CertificateAuthorityOwner", "true"));

        Assert.Equal(["Twins:Cluster:Provider=Sqlite needs Twins:Cluster:SqliteDatabase, the SQLite file every silo of this machine shares."], error.Failures);
    }

    [Fact]
    public void Build_CaOwnerAndSourceTogether_FailsSayingTheyExcludeEachOther()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(
            "--Twins:Cluster:Provider", "DynamoDb", "--Twins:Silo:SiloName", "s1",
            "--Twins:Cluster:CertificateAuthorityOwner", "true", "--Twins:Cluster:CertificateAuthoritySource", "/somewhere"));

        Assert.Contains(error.Failures, f => f.Contains("exclude each other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_ConsistentClusterSettings_BuildsSiloAndGateway()
    {
        await using var silo = Build("--Twins:Cluster:Provider", "DynamoDb", "--Twins:Cluster:DynamoDb:ServiceUrl", "http://127.0.0.1:8000",
            "--Twins:Silo:SiloName", "s1", "--Twins:Cluster:CertificateAuthorityOwner", "true");
        await using var gateway = Build("--Twins:Role", "Gateway", "--Twins:Cluster:Provider", "DynamoDb", "--Twins:Cluster:DynamoDb:ServiceUrl", "http://127.0.0.1:8000");

        // The silo hosts grains and their fleet index; the gateway process only calls grains.
        Assert.NotNull(silo.Services.GetService(typeof(Twins.Grains.FleetIndex.IFleetIndex)));
        Assert.NotNull(gateway.Services.GetService(typeof(IGrainFactory)));
        Assert.Null(gateway.Services.GetService(typeof(Twins.Grains.FleetIndex.IFleetIndex)));
    }

    [Fact]
    public async Task Build_DynamoDbProvider_SilosShareTheDynamoDbTelemetrySinkWhileLocalKeepsSqlite()
    {
        await using var clustered = Build("--Twins:Cluster:Provider", "DynamoDb", "--Twins:Cluster:DynamoDb:ServiceUrl", "http://127.0.0.1:8000",
            "--Twins:Silo:SiloName", "s1", "--Twins:Cluster:CertificateAuthorityOwner", "true");
        await using var local = Build();

        // Samples go where every silo can read them back, so a vehicle's history survives its move to another silo.
        Assert.IsType<Twins.Grains.TelemetrySink.DynamoDbTelemetrySink>(clustered.Services.GetService(typeof(Twins.Grains.TelemetrySink.ITelemetrySink)));
        Assert.IsType<Twins.Grains.TelemetrySink.SqliteTelemetrySink>(local.Services.GetService(typeof(Twins.Grains.TelemetrySink.ITelemetrySink)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private Microsoft.AspNetCore.Builder.WebApplication Build(params string[] args) =>
        SiloApplication.Build(["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", _data, .. args]);
}
