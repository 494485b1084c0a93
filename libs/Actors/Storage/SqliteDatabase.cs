using Microsoft.Data.Sqlite;

namespace Twins.Actors.Storage;

/// <summary>One SQLite file in WAL mode shared by the state store and the reminder table; creates the schema once.</summary>
/// <remarks>
/// journal_mode=WAL is stored in the file, but synchronous is a per-connection setting, so every opened
/// connection applies <see cref="ConnectionPragmas"/> (otherwise each write would fsync as synchronous=FULL).
/// Durability: with synchronous=NORMAL in WAL mode a committed write survives a process crash (kill -9), but
/// the last transactions before a power loss or OS crash may be lost (the WAL is fsynced at checkpoints only).
/// </remarks>
internal sealed class SqliteDatabase
{
    /// <summary>Applied on every opened connection: both settings are per connection in SQLite.</summary>
    internal const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private Task? _initialized;

    public SqliteDatabase(string dataSource)
    {
        DataSource = Path.GetFullPath(dataSource);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Task initialized;
        lock (_gate)
        {
            initialized = _initialized is { IsFaulted: false, IsCanceled: false } ? _initialized : _initialized = InitializeAsync();
        }

        await initialized.WaitAsync(cancellationToken).ConfigureAwait(false);

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ApplyConnectionPragmasAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private static async Task ApplyConnectionPragmasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InitializeAsync()
    {
        if (Path.GetDirectoryName(DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = """
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE IF NOT EXISTS grain_state (
                        grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL,
                        etag TEXT NOT NULL, data BLOB NOT NULL,
                        PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS reminders (
                        grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, name TEXT NOT NULL,
                        start_at INTEGER NOT NULL, period_ticks INTEGER NOT NULL, next_due_at INTEGER NOT NULL, etag TEXT NOT NULL,
                        PRIMARY KEY (grain_type, grain_key, name)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS membership_version (
                        service_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS membership (
                        service_id TEXT NOT NULL, silo TEXT NOT NULL, silo_name TEXT NOT NULL, status INTEGER NOT NULL,
                        heartbeat_at INTEGER NOT NULL, started_at INTEGER NOT NULL,
                        PRIMARY KEY (service_id, silo)) WITHOUT ROWID;
                    """;
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
    }
}
