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
        var index = new DynamoDbFleetIndex(client, "FleetQuery");
        await FleetIndexContract.QueryFilterSortPageAsync(index, "dy-");
    }

    [Fact]
    public async Task UpsertCertificateAsync_SupersededCertificate_DoesNotOverwriteCurrent()
    {
        using var client = dynalite.Server.CreateClient();
        var index = new DynamoDbFleetIndex(client, "FleetCertificates");
        await FleetIndexContract.CertificateColumnsFollowTheCurrentCertificateAsync(index, "dy-cert");
    }

    [Fact]
    public async Task QueryAsync_KeysetPagesOverAThousand_ForwardsAndBackwardsEqualTheWholeOrder()
    {
        using var client = dynalite.Server.CreateClient();
        var index = new DynamoDbFleetIndex(client, "Fleet_page");
        await FleetIndexContract.KeysetPagingOverAThousandAsync(index, "dy-page-");
    }

    [Fact]
    public async Task QueryAsync_RowsWrittenBeforeTheCursor_NeitherRepeatNorSkip()
    {
        using var client = dynalite.Server.CreateClient();
        var index = new DynamoDbFleetIndex(client, "Fleet_insert");
        await FleetIndexContract.KeysetPagingRowInsertedBeforeCursorAsync(index, "dy-insert-");
    }

    [Fact]
    public async Task CountAsync_CommandCounts_ReplacedPerVehicleAndSummedOverScope()
    {
        using var client = dynalite.Server.CreateClient();
        var index = new DynamoDbFleetIndex(client, "Fleet_cmd");
        await FleetIndexContract.CommandCountsSumOverScopeAsync(index, "dy-cmd-");
    }

    [Fact]
    public async Task QueryCertificatesAsync_FilterSortPageAndCount_MatchesContract()
    {
        using var client = dynalite.Server.CreateClient();
        var index = new DynamoDbFleetIndex(client, "Fleet_certs");
        await FleetIndexContract.CertificatesPageFilterAndCountAsync(index, "dy-certs-");
    }
}
