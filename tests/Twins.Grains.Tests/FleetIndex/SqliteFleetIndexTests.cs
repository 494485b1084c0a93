using Twins.Grains.FleetIndex;

namespace Twins.Grains.Tests.FleetIndex;

public sealed class SqliteFleetIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-fleet-").FullName;

    private SqliteFleetIndex Index() => new(Path.Combine(_folder, "twins.db"));

    [Fact]
    public async Task QueryAsync_FilterSortPage_MatchesContract()
    {
        using var index = Index();
        await FleetIndexContract.QueryFilterSortPageAsync(index, "sq-");
    }

    [Fact]
    public async Task UpsertCertificateAsync_SupersededCertificate_DoesNotOverwriteCurrent()
    {
        using var index = Index();
        await FleetIndexContract.CertificateColumnsFollowTheCurrentCertificateAsync(index, "sq-cert");
    }

    [Fact]
    public async Task QueryAsync_KeysetPagesOverAThousand_ForwardsAndBackwardsEqualTheWholeOrder()
    {
        using var index = Index();
        await FleetIndexContract.KeysetPagingOverAThousandAsync(index, "sq-page-");
    }

    [Fact]
    public async Task QueryAsync_RowsWrittenBeforeTheCursor_NeitherRepeatNorSkip()
    {
        using var index = Index();
        await FleetIndexContract.KeysetPagingRowInsertedBeforeCursorAsync(index, "sq-insert-");
    }

    [Fact]
    public async Task CountAsync_CommandCounts_ReplacedPerVehicleAndSummedOverScope()
    {
        using var index = Index();
        await FleetIndexContract.CommandCountsSumOverScopeAsync(index, "sq-cmd-");
    }

    [Fact]
    public async Task QueryCertificatesAsync_FilterSortPageAndCount_MatchesContract()
    {
        using var index = Index();
        await FleetIndexContract.CertificatesPageFilterAndCountAsync(index, "sq-certs-");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
