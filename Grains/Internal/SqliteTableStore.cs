using Microsoft.Data.Sqlite;

namespace Twins.Grains.Internal;

/// <summary>
/// Opens connections to one SQLite file for a store that owns some tables in it (the fleet index, the
/// telemetry sink): creates the folder, runs the store's schema script once, and applies the
/// per-connection pragmas on every connection. <c>synchronous</c> and <c>busy_timeout</c> are
/// per connection in SQLite, so setting them only on the schema-creating connection would leave every
/// later commit fsyncing as FULL (the bug fixed in libs/Actors' SqliteDatabase; this is the same rule
/// for the domain's own tables). With WAL + NORMAL an acknowledged write survives a process crash; a
/// power loss may drop the last transactions.
/// </summary>
internal sealed class SqliteTableStore : IDisposable
{
    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
    private readonly string _connectionString;
    private readonly string _schemaScript;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A store over <paramref name="dataSource"/> whose tables <paramref name="schemaScript"/> creates (idempotently).</summary>
    public SqliteTableStore(string dataSource, string schemaScript)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataSource);
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = dataSource, Pooling = true, DefaultTimeout = 30 }.ToString();
        _schemaScript = "PRAGMA journal_mode=WAL;\n" + schemaScript;
    }

    /// <summary>An open connection with the pragmas applied and the schema in place.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, ConnectionPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _schemaGate.Dispose();

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await ExecuteAsync(connection, _schemaScript, cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
