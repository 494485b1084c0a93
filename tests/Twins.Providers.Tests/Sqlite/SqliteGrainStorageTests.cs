using Orleans.Storage;
using Twins.Providers.Sqlite;
using Twins.Providers.Tests.Contracts;

namespace Twins.Providers.Tests.Sqlite;

public sealed class SqliteGrainStorageTests : GrainStorageContractTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("twins-providers-");

    private string DataSource => Path.Combine(_folder.FullName, "data", "twins.db");

    protected override Task<IGrainStorage> CreateStorageAsync(string serviceId = "service", bool deleteStateOnClear = false) =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage("sqlite", new SqliteStorageOptions
        {
            DataSource = DataSource,
            DeleteStateOnClear = deleteStateOnClear,
            GrainStorageSerializer = JsonStateSerializer.Instance,
        }, serviceId));

    [Fact]
    public async Task Initialize_MissingFolder_CreatesFileInWalMode()
    {
        var storage = (SqliteGrainStorage)await CreateStorageAsync();

        await storage.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(DataSource));
        Assert.True(File.Exists(DataSource + "-wal"), "SQLite keeps a -wal file beside the database in WAL mode.");
    }

    [Fact]
    public async Task Initialize_PathUnderARegularFile_FailsNamingFileAndSetting()
    {
        var blocker = Path.Combine(_folder.FullName, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var storage = new SqliteGrainStorage("sqlite", new SqliteStorageOptions
        {
            DataSource = Path.Combine(blocker, "twins.db"),
            SettingName = "Twins:Storage:Sqlite:DataSource",
            GrainStorageSerializer = JsonStateSerializer.Instance,
        }, "service");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains(Path.Combine(blocker, "twins.db"), error.Message, StringComparison.Ordinal);
        Assert.Contains("(Twins:Storage:Sqlite:DataSource)", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
