using Microsoft.Data.Sqlite;

namespace Twins.Providers.Sqlite;

/// <summary>
/// One SQLite file in WAL mode, opened by one provider; creates the folder, the file and the provider's tables
/// once, and names the file and its setting when it cannot.
/// </summary>
/// <remarks>
/// journal_mode=WAL is stored in the file, but synchronous and busy_timeout are per connection, so every opened
/// connection applies them. With synchronous=NORMAL in WAL mode a committed write survives a process crash
/// (kill -9); the last transactions before a power loss may be lost. Several providers (and several silos of one
/// machine) share a file: each creates only its own tables, and writers wait for each other up to busy_timeout.
/// </remarks>
internal sealed class SqliteDatabase
{
    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    private readonly string _connectionString;
    private readonly string _schema;
    private readonly string _setting;
    private readonly Lock _gate = new();
    private Task? _initialized;

    public SqliteDatabase(string dataSource, string? settingName, string schema)
    {
        _setting = settingName ?? "DataSource";
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw new OrleansConfigurationException($"SQLite: {_setting} is not set.");
        }

        DataSource = Path.GetFullPath(dataSource);
        _schema = schema;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string DataSource { get; }

    /// <summary>Creates the folder, file and tables if missing; throws <see cref="StoreUnavailableException"/> when the file cannot be opened.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        Task initialized;
        lock (_gate)
        {
            initialized = _initialized is { IsFaulted: false, IsCanceled: false } ? _initialized : _initialized = CreateSchemaAsync();
        }

        return initialized.WaitAsync(cancellationToken);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = ConnectionPragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        try
        {
            if (Path.GetDirectoryName(DataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            var connection = await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
#pragma warning disable CA2100 // fixed schema text of this assembly
                    command.CommandText = "PRAGMA journal_mode=WAL;" + _schema;
#pragma warning restore CA2100
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"SQLite file {DataSource} ({_setting}) could not be opened: {ex.Message}", ex);
        }
    }
}
