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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
