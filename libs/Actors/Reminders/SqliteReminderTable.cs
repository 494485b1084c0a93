using System.Globalization;
using Twins.Actors.Storage;

namespace Twins.Actors.Reminders;

/// <summary>Reminders in the SQLite file (same file as the state store); times stored as UTC ticks.</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, start_at, period_ticks, next_due_at, etag";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the table over the file in <paramref name="options"/>.</summary>
    public SqliteReminderTable(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.DataSource);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM reminders", null, null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = $t AND grain_key = $k", grainId, null, cancellationToken);

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n", grainId, reminderName, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = StoredState.NewETag();
        await ExecuteAsync(
            $"INSERT INTO reminders ({Columns}) VALUES ($t, $k, $n, $start, $period, $next, $etag) ON CONFLICT DO UPDATE SET start_at = $start, period_ticks = $period, next_due_at = $next, etag = $etag",
            entry, etag, null, cancellationToken).ConfigureAwait(false);
        return etag;
    }

    /// <inheritdoc />
    public async Task<string?> UpdateRowAsync(ReminderEntry entry, string expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = StoredState.NewETag();
        var changed = await ExecuteAsync(
            "UPDATE reminders SET start_at = $start, period_ticks = $period, next_due_at = $next, etag = $etag WHERE grain_type = $t AND grain_key = $k AND name = $n AND etag = $old",
            entry, etag, expectedETag, cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : etag;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string? expectedETag = null, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = expectedETag is null
                    ? "DELETE FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n"
                    : "DELETE FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n AND etag = $old";
                command.Parameters.AddWithValue("$t", grainId.Type);
                command.Parameters.AddWithValue("$k", grainId.Key);
                command.Parameters.AddWithValue("$n", reminderName);
                command.Parameters.AddWithValue("$old", (object?)expectedETag ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            }
        }
    }

    private async Task<int> ExecuteAsync(string sql, ReminderEntry entry, string etag, string? expectedETag, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
                command.CommandText = sql;
#pragma warning restore CA2100
                command.Parameters.AddWithValue("$t", entry.GrainId.Type);
                command.Parameters.AddWithValue("$k", entry.GrainId.Key);
                command.Parameters.AddWithValue("$n", entry.ReminderName);
                command.Parameters.AddWithValue("$start", entry.StartAt.UtcTicks);
                command.Parameters.AddWithValue("$period", entry.IsOneShot ? -1 : entry.Period.Ticks);
                command.Parameters.AddWithValue("$next", entry.NextDueAt.UtcTicks);
                command.Parameters.AddWithValue("$etag", etag);
                command.Parameters.AddWithValue("$old", (object?)expectedETag ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, GrainId? grainId, string? name, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
                command.CommandText = sql;
#pragma warning restore CA2100
                if (grainId is { } id)
                {
                    command.Parameters.AddWithValue("$t", id.Type);
                    command.Parameters.AddWithValue("$k", id.Key);
                }

                if (name is not null)
                {
                    command.Parameters.AddWithValue("$n", name);
                }

                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var period = reader.GetInt64(4);
                        rows.Add(new ReminderEntry
                        {
                            GrainId = new GrainId(reader.GetString(0), reader.GetString(1)),
                            ReminderName = reader.GetString(2),
                            StartAt = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                            Period = period < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(period),
                            NextDueAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                            ETag = reader.GetString(6),
                        });
                    }
                }
            }
        }

        return rows;
    }

    /// <summary>Used in messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SQLite reminders in {_database.DataSource}");
}
