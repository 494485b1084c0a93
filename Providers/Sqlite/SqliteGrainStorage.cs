using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Twins.Providers.Internal;

namespace Twins.Providers.Sqlite;

/// <summary>
/// Grain state in a SQLite file: one row per service, grain and state name with the serialized state and an
/// ETag. Writes and clears are conditional on the ETag the activation holds, so a stale activation gets
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
internal sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            service_id TEXT NOT NULL, grain_id TEXT NOT NULL, state_name TEXT NOT NULL,
            etag TEXT NOT NULL, data BLOB,
            PRIMARY KEY (service_id, grain_id, state_name)) WITHOUT ROWID;
        """;

    private readonly string _name;
    private readonly string _serviceId;
    private readonly SqliteStorageOptions _options;
    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(string name, SqliteStorageOptions options, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _database = new SqliteDatabase(options.DataSource, options.SettingName, Schema);
    }

    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    /// <summary>Creates the file and table at silo start-up, so a path that cannot be opened stops the silo.</summary>
    internal Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, "SELECT etag, data FROM orleans_grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n", stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        grainState.State = GrainStateDefaults.Create(grainState.State);
                        grainState.ETag = null;
                        grainState.RecordExists = false;
                        return;
                    }

                    var etag = reader.GetString(0);
                    if (reader.IsDBNull(1))
                    {
                        // A tombstone: cleared, and its ETag is what the next write must name.
                        grainState.State = GrainStateDefaults.Create(grainState.State);
                        grainState.ETag = etag;
                        grainState.RecordExists = false;
                        return;
                    }

                    var data = (byte[])reader.GetValue(1);
                    grainState.State = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data));
                    grainState.ETag = etag;
                    grainState.RecordExists = true;
                }
            }
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var etag = ETags.New();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sql = grainState.ETag is null
                ? "INSERT INTO orleans_grain_state (service_id, grain_id, state_name, etag, data) VALUES ($s, $g, $n, $new, $data) ON CONFLICT DO NOTHING"
                : "UPDATE orleans_grain_state SET etag = $new, data = $data WHERE service_id = $s AND grain_id = $g AND state_name = $n AND etag = $old";
            var command = Command(connection, sql, stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$new", etag);
                command.Parameters.AddWithValue("$data", data);
                command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw await ConflictAsync(connection, "Write", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        string? etag = null;
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (grainState.ETag is null)
            {
                // Nothing to clear unless someone else wrote (or cleared) the record since this activation read it.
                if (await StoredETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    throw Conflict("Clear", stateName, grainId, stored, null);
                }
            }
            else
            {
                etag = _options.DeleteStateOnClear ? null : ETags.New();
                var sql = etag is null
                    ? "DELETE FROM orleans_grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n AND etag = $old"
                    : "UPDATE orleans_grain_state SET etag = $new, data = NULL WHERE service_id = $s AND grain_id = $g AND state_name = $n AND etag = $old";
                var command = Command(connection, sql, stateName, grainId);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("$new", (object?)etag ?? DBNull.Value);
                    command.Parameters.AddWithValue("$old", grainState.ETag);
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw await ConflictAsync(connection, "Clear", stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        grainState.State = GrainStateDefaults.Create(grainState.State);
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(SqliteConnection connection, string operation, string stateName, GrainId grainId, string? current, CancellationToken cancellationToken) =>
        Conflict(operation, stateName, grainId, await StoredETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false), current);

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? stored, string? current) =>
        new($"{operation} of state '{stateName}' of grain {grainId} in SQLite storage '{_name}' ({_database.DataSource}) was rejected: the stored ETag is {stored ?? "none"}, this activation holds {current ?? "none"}.", stored ?? "none", current ?? "none");

    private async Task<string?> StoredETagAsync(SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var command = Command(connection, "SELECT etag FROM orleans_grain_state WHERE service_id = $s AND grain_id = $g AND state_name = $n", stateName, grainId);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$s", _serviceId);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", stateName);
        return command;
    }
}
