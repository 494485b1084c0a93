using Twins.Providers.Sqlite;
using Twins.Providers.Tests.Contracts;

namespace Twins.Providers.Tests.Sqlite;

public sealed class SqliteReminderTableTests : ReminderTableContractTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("twins-providers-");

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId)
    {
        var table = new SqliteReminderTable(new SqliteReminderOptions { DataSource = Path.Combine(_folder.FullName, "reminders.db") }, serviceId);
        await table.StartAsync();
        return table;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
