using Microsoft.Data.Sqlite;

namespace Twins.Actors.Storage;

/// <summary>
/// Grain state in one SQLite file (WAL mode): a row per grain and state name holding the JSON and an
/// ETag. Writes are conditional updates, so a stale activation cannot overwrite a newer state.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly IGrainStateSerializer _serializer;

    /// <summary>Creates a store named <paramref name="name"/> over the file in <paramref name="options"/>.</summary>
    public SqliteGrainStorage(string name, SqliteStorageOptions options, IGrainStateSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _database = new SqliteDatabase(options.DataSource);
        _serializer = serializer;
    }

    /// <summary>The database file.</summary>
    public string DataSource => _database.DataSource;

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, "SELECT etag, data FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s", stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var etag = reader.GetString(0);
                        var data = (byte[])reader.GetValue(1);
                        grainState.State = StoredState.Deserialize<T>(_serializer, data, _name, stateName, grainId);
                        grainState.ETag = etag;
                        grainState.RecordExists = true;
                    }
                    else
                    {
                        grainState.ETag = null;
                        grainState.RecordExists = false;
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State);
        var etag = StoredState.NewETag();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sql = grainState.ETag is null
                ? "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data) VALUES ($t, $k, $s, $new, $data) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET etag = $new, data = $data WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old";
            var command = Command(connection, sql, stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$new", etag);
                command.Parameters.AddWithValue("$data", data);
                command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw StoredState.Conflict("Write", _name, stateName, grainId, await StoredETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false), grainState.ETag);
                }
            }
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (grainState.ETag is null)
            {
                var stored = await StoredETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false);
                if (stored is not null)
                {
                    throw StoredState.Conflict("Clear", _name, stateName, grainId, stored, null);
                }
            }
            else
            {
                var command = Command(connection, "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s AND etag = $old", stateName, grainId);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("$old", grainState.ETag);
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw StoredState.Conflict("Clear", _name, stateName, grainId, await StoredETagAsync(connection, stateName, grainId, cancellationToken).ConfigureAwait(false), grainState.ETag);
                    }
                }
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Overwrites the stored bytes of a record (tests use it to simulate corruption).</summary>
    public async Task SetRawAsync(string stateName, GrainId grainId, byte[] data, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data) VALUES ($t, $k, $s, $new, $data) ON CONFLICT DO UPDATE SET etag = $new, data = $data", stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$new", StoredState.NewETag());
                command.Parameters.AddWithValue("$data", data);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string?> StoredETagAsync(SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var command = Command(connection, "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $s", stateName, grainId);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$t", grainId.Type);
        command.Parameters.AddWithValue("$k", grainId.Key);
        command.Parameters.AddWithValue("$s", stateName);
        return command;
    }
}
