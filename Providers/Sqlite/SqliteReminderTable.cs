using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Providers.Internal;

namespace Twins.Providers.Sqlite;

/// <summary>
/// Orleans' reminder table in a SQLite file: one row per service, grain and reminder name with the grain's
/// uniform hash (indexed, for the reminder service's hash-range reads), start, period and an ETag that every
/// upsert replaces; a removal names the ETag and removes nothing when it is stale.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id TEXT NOT NULL, grain_id TEXT NOT NULL, reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL, start_at INTEGER NOT NULL, period INTEGER NOT NULL, etag TEXT NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly string _serviceId;
    private readonly SqliteDatabase _database;

    public SqliteReminderTable(IOptions<SqliteReminderOptions> options, IOptions<ClusterOptions> cluster)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), cluster?.Value.ServiceId ?? throw new ArgumentNullException(nameof(cluster)))
    {
    }

    public SqliteReminderTable(SqliteReminderOptions options, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serviceId = serviceId;
        _database = new SqliteDatabase(options.DataSource, options.SettingName, Schema);
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND grain_id = $g", command => command.Parameters.AddWithValue("$g", grainId.ToString()), cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // (begin, end] on the ring; begin >= end wraps around past uint.MaxValue.
        var range = begin < end ? "grain_hash > $b AND grain_hash <= $e" : "(grain_hash > $b OR grain_hash <= $e)";
        return QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND {range}", command =>
        {
            command.Parameters.AddWithValue("$b", (long)begin);
            command.Parameters.AddWithValue("$e", (long)end);
        }, cancellationToken);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND grain_id = $g AND reminder_name = $n", command =>
        {
            command.Parameters.AddWithValue("$g", grainId.ToString());
            command.Parameters.AddWithValue("$n", reminderName);
        }, cancellationToken).ConfigureAwait(false);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = ETags.New();
        await ExecuteAsync("""
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($s, $g, $n, $h, $start, $period, $etag)
            ON CONFLICT DO UPDATE SET start_at = $start, period = $period, etag = $etag
            """, command =>
        {
            command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$n", entry.ReminderName);
            command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", StoredTime.ToTicks(entry.StartAt));
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
        }, cancellationToken).ConfigureAwait(false);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM orleans_reminders WHERE service_id = $s AND grain_id = $g AND reminder_name = $n AND etag = $etag", command =>
        {
            command.Parameters.AddWithValue("$g", grainId.ToString());
            command.Parameters.AddWithValue("$n", reminderName);
            command.Parameters.AddWithValue("$etag", eTag);
        }, cancellationToken).ConfigureAwait(false) > 0;

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM orleans_reminders WHERE service_id = $s", static _ => { }, cancellationToken);

    private async Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, sql);
            await using (command.ConfigureAwait(false))
            {
                bind(command);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, sql);
            await using (command.ConfigureAwait(false))
            {
                bind(command);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new ReminderEntry
                        {
                            GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                            ReminderName = reader.GetString(1),
                            StartAt = StoredTime.FromTicks(reader.GetInt64(2)),
                            Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                            ETag = reader.GetString(4),
                        });
                    }
                }
            }
        }

        return new ReminderTableData(rows);
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$s", _serviceId);
        return command;
    }
}
