using Twins.Grains.FleetIndex;
using Twins.Testing;

namespace Twins.Grains.Tests.FleetIndex;

/// <summary>The DynamoDB fleet index against a real dynalite.</summary>
public sealed class DynamoDbFleetIndexTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task QueryAsync_FilterSortPage_MatchesContract()
    {
        using var client = dynalite.Server.CreateClient();
        using var index = new DynamoDbFleetIndex(client, "FleetQuery");
        await FleetIndexContract.QueryFilterSortPageAsync(index, "dy-");
    }

    [Fact]
    public async Task UpsertCertificateAsync_SupersededCertificate_DoesNotOverwriteCurrent()
    {
        using var client = dynalite.Server.CreateClient();
        using var index = new DynamoDbFleetIndex(client, "FleetCertificates");
        await FleetIndexContract.CertificateColumnsFollowTheCurrentCertificateAsync(index, "dy-cert");
    }
}
