using Microsoft.Extensions.Options;
using Twins.Testing;

namespace Twins.Actors.Tests;

public sealed class SiloOptionsValidatorTests
{
    [Fact]
    public async Task Start_NegativeCallTimeout_FailsNamingTheSetting()
    {
        await using var cluster = new TestCluster(configureOptions: o => o.CallTimeout = TimeSpan.FromSeconds(-1));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.StartSiloAsync());

        Assert.Contains("Twins:Silo:CallTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_QuantumLongerThanCollectionAge_FailsNamingTheSetting()
    {
        await using var cluster = new TestCluster(configureOptions: o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(1);
            o.CollectionQuantum = TimeSpan.FromMinutes(5);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.StartSiloAsync());

        Assert.Contains("Twins:Silo:CollectionQuantum", error.Message, StringComparison.Ordinal);
    }
}
