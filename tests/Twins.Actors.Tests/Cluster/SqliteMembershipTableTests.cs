using Twins.Actors.Membership;
using Twins.Actors.Storage;

namespace Twins.Actors.Tests.Cluster;

public sealed class SqliteMembershipTableTests : MembershipTableTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-membership-").FullName;

    protected override Task<IMembershipTable> CreateTableAsync() =>
        Task.FromResult<IMembershipTable>(new SqliteMembershipTable(new SqliteStorageOptions { DataSource = Path.Combine(_folder, $"{Guid.NewGuid():N}.db") }, "test"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
