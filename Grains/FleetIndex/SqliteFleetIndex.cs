using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Internal;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index as SQLite tables (in the grain store's file by default): vehicles, their command counts
/// by status, and certificates, with indexes on the columns queries filter and sort by. Filters and sort
/// keys become SQL with parameters; pages are keyset pages (<c>WHERE</c> past the cursor's key values,
/// <c>ORDER BY</c> ending with the unique key, <c>LIMIT</c>), so rows written between two pages never make
/// a row repeat or go missing.
/// </summary>
public sealed class SqliteFleetIndex : IFleetIndex, IDisposable
{
    private const string Columns = "thing_name, vin, connected, last_seen, certificate_status, certificate_expiry, shadow_version, reported, updated_at";
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS fleet_index (
        thing_name TEXT NOT NULL PRIMARY KEY, vin TEXT, connected INTEGER NOT NULL,
        last_seen INTEGER, certificate_id TEXT, certificate_status TEXT, certificate_expiry INTEGER,
        shadow_version INTEGER NOT NULL, reported TEXT, updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_fleet_index_connected ON fleet_index (connected, thing_name);
        CREATE INDEX IF NOT EXISTS ix_fleet_index_vin ON fleet_index (vin);
        CREATE INDEX IF NOT EXISTS ix_fleet_index_last_seen ON fleet_index (last_seen);
        CREATE INDEX IF NOT EXISTS ix_fleet_index_certificate ON fleet_index (certificate_status, certificate_expiry);
        CREATE TABLE IF NOT EXISTS fleet_commands (
        thing_name TEXT NOT NULL, status TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (thing_name, status)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS fleet_certificates (
        certificate_id TEXT NOT NULL PRIMARY KEY, thing_name TEXT, status TEXT NOT NULL, not_after INTEGER NOT NULL,
        created_at INTEGER NOT NULL, info TEXT NOT NULL, updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_fleet_certificates_thing ON fleet_certificates (thing_name);
        CREATE INDEX IF NOT EXISTS ix_fleet_certificates_status ON fleet_certificates (status, not_after);
        CREATE INDEX IF NOT EXISTS ix_fleet_certificates_not_after ON fleet_certificates (not_after);
        """;
    private const string CertificateColumns = "info";

    private readonly SqliteTableStore _store;

    /// <summary>Creates the index over the file <paramref name="dataSource"/> (the table is created on first use).</summary>
    public SqliteFleetIndex(string dataSource)
    {
        _store = new SqliteTableStore(dataSource, Schema);
    }

    /// <inheritdoc />
    public async Task UpsertVehicleAsync(FleetVehicleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.Transaction = (SqliteTransaction)transaction;
                    command.CommandText = """
                        INSERT INTO fleet_index (thing_name, vin, connected, last_seen, shadow_version, reported, updated_at)
                        VALUES ($thing, $vin, $connected, $lastSeen, $version, $reported, $updated)
                        ON CONFLICT (thing_name) DO UPDATE SET vin = excluded.vin, connected = excluded.connected,
                          last_seen = excluded.last_seen, shadow_version = excluded.shadow_version,
                          reported = excluded.reported, updated_at = excluded.updated_at
                        """;
                    command.Parameters.AddWithValue("$thing", state.ThingName);
                    command.Parameters.AddWithValue("$vin", (object?)state.Vin ?? DBNull.Value);
                    command.Parameters.AddWithValue("$connected", state.Connected ? 1 : 0);
                    command.Parameters.AddWithValue("$lastSeen", ToDb(state.LastSeen));
                    command.Parameters.AddWithValue("$version", state.ShadowVersion);
                    command.Parameters.AddWithValue("$reported", state.ReportedFields is { Count: > 0 } fields ? JsonSerializer.Serialize(fields, FleetIndexJsonContext.Default.IReadOnlyDictionaryStringString) : DBNull.Value);
                    command.Parameters.AddWithValue("$updated", state.UpdatedAt.ToUnixTimeMilliseconds());
                    if (state.CommandCounts is { } counts)
                    {
                        var sql = new StringBuilder(command.CommandText).Append("; DELETE FROM fleet_commands WHERE thing_name = $thing;");
                        var i = 0;
                        foreach (var (status, count) in counts.Where(c => c.Value > 0))
                        {
                            var n = (i++).ToString(CultureInfo.InvariantCulture);
                            sql.Append(CultureInfo.InvariantCulture, $" INSERT INTO fleet_commands (thing_name, status, count) VALUES ($thing, $s{n}, $c{n});");
                            command.Parameters.AddWithValue("$s" + n, status);
                            command.Parameters.AddWithValue("$c" + n, count);
                        }

                        command.CommandText = sql.ToString();
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task UpsertCertificateAsync(CertificateInfo certificate, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.Transaction = (SqliteTransaction)transaction;
                    command.CommandText = """
                        INSERT INTO fleet_certificates (certificate_id, thing_name, status, not_after, created_at, info, updated_at)
                        VALUES ($certificate, $thing, $status, $notAfter, $createdAt, $info, $updated)
                        ON CONFLICT (certificate_id) DO UPDATE SET thing_name = excluded.thing_name, status = excluded.status,
                          not_after = excluded.not_after, created_at = excluded.created_at, info = excluded.info, updated_at = excluded.updated_at
                        WHERE excluded.updated_at >= fleet_certificates.updated_at
                        """;
                    command.Parameters.AddWithValue("$certificate", certificate.CertificateId);
                    command.Parameters.AddWithValue("$thing", (object?)certificate.ThingName ?? DBNull.Value);
                    command.Parameters.AddWithValue("$status", certificate.Status);
                    command.Parameters.AddWithValue("$notAfter", certificate.NotAfter.ToUnixTimeMilliseconds());
                    command.Parameters.AddWithValue("$createdAt", certificate.CreatedAt.ToUnixTimeMilliseconds());
                    command.Parameters.AddWithValue("$info", JsonSerializer.Serialize(certificate, FleetIndexJsonContext.Default.CertificateInfo));
                    command.Parameters.AddWithValue("$updated", updatedAt.ToUnixTimeMilliseconds());
                    var written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
                    if (written && certificate.ThingName is { } thing)
                    {
                        await UpsertVehicleCertificateAsync(command, thing, certificate.CertificateId, certificate.Status, certificate.NotAfter, updatedAt, cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<FleetIndexEntry?> GetAsync(string thingName, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"SELECT {Columns} FROM fleet_index WHERE thing_name = $thing";
                command.Parameters.AddWithValue("$thing", thingName);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task<FleetPage> QueryAsync(FleetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var order = VehicleOrdering.Effective(query.Order);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var builder = new SqlFilterBuilder(command);
                var where = builder.Build(query.Filter, query.Scope);
                var total = await CountAsync(command, "fleet_index", where, cancellationToken).ConfigureAwait(false);
                var page = await PageAsync(
                    command, builder, "fleet_index", Columns, where, VehicleOrdering.Keys(order),
                    query.After is { } after ? VehicleOrdering.Values(after, order) : null,
                    query.Before is { } before ? VehicleOrdering.Values(before, order) : null,
                    query.Limit, query.FromEnd, Read, cancellationToken).ConfigureAwait(false);
                return new FleetPage(page.Items, total, page.HasPrevious, page.HasNext);
            }
        }
    }

    /// <inheritdoc />
    public async Task<FleetCounts> CountAsync(IReadOnlyCollection<string>? scope, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var where = Where(new SqlFilterBuilder(command).Build((FleetFilter?)null, scope));
                command.CommandText = $"SELECT coalesce(certificate_status, 'UNKNOWN'), count(*), sum(connected) FROM fleet_index{where} GROUP BY 1";
                int total = 0, connected = 0;
                var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var count = reader.GetInt32(1);
                        byStatus[reader.GetString(0)] = count;
                        total += count;
                        connected += reader.GetInt32(2);
                    }
                }

                command.CommandText = $"SELECT status, sum(count) FROM fleet_commands{where} GROUP BY status";
                var byCommand = await GroupCountsAsync(command, cancellationToken).ConfigureAwait(false);
                return new FleetCounts(total, connected, byStatus, byCommand);
            }
        }
    }

    /// <inheritdoc />
    public async Task<CertificatePage> QueryCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var order = CertificateOrdering.Effective(query.Order);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var builder = new SqlFilterBuilder(command);
                var where = builder.Build(query.Filter, query.Scope);
                var total = await CountAsync(command, "fleet_certificates", where, cancellationToken).ConfigureAwait(false);
                var page = await PageAsync(
                    command, builder, "fleet_certificates", CertificateColumns, where, CertificateOrdering.Keys(order),
                    query.After is { } after ? CertificateOrdering.Values(after, order) : null,
                    query.Before is { } before ? CertificateOrdering.Values(before, order) : null,
                    query.Limit, query.FromEnd, ReadCertificate, cancellationToken).ConfigureAwait(false);
                return new CertificatePage(page.Items, total, page.HasPrevious, page.HasNext);
            }
        }
    }

    /// <inheritdoc />
    public async Task<CertificateCounts> CountCertificatesAsync(IReadOnlyCollection<string>? scope, DateTimeOffset expiringBefore, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var builder = new SqlFilterBuilder(command);
                var where = builder.Build((FleetFilter?)null, scope);
                command.CommandText = $"SELECT status, count(*) FROM fleet_certificates{Where(where)} GROUP BY status";
                var byStatus = await GroupCountsAsync(command, cancellationToken).ConfigureAwait(false);
                var expiring = $"status = 'ACTIVE' AND not_after < {builder.Parameter(expiringBefore.ToUnixTimeMilliseconds())}";
                var count = await CountAsync(command, "fleet_certificates", where is null ? expiring : where + " AND " + expiring, cancellationToken).ConfigureAwait(false);
                return new CertificateCounts(byStatus.Values.Sum(), byStatus, count);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();

    private static string Where(string? condition) => condition is null ? "" : " WHERE " + condition;

    private static string? And(params string?[] conditions) =>
        conditions.Where(c => c is not null).ToList() is { Count: > 0 } present ? string.Join(" AND ", present) : null;

    private static async Task<int> CountAsync(SqliteCommand command, string table, string? where, CancellationToken cancellationToken)
    {
        command.CommandText = $"SELECT count(*) FROM {table}{Where(where)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<bool> ExistsAsync(SqliteCommand command, string table, string where, CancellationToken cancellationToken)
    {
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {table} WHERE {where})";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
    }

    private static async Task<SortedDictionary<string, int>> GroupCountsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return counts;
    }

    /// <summary>
    /// One keyset page: at most <paramref name="limit"/> + 1 rows past the cursors in the order (reversed
    /// for <paramref name="fromEnd"/>), the extra row telling whether more lie on the far side; whether rows
    /// lie beyond a cursor is one <c>EXISTS</c> on the negated cursor condition.
    /// </summary>
    private static async Task<KeysetPage<T>> PageAsync<T>(
        SqliteCommand command, SqlFilterBuilder builder, string table, string columns, string? where, SortKey[] keys,
        object?[]? after, object?[]? before, int limit, bool fromEnd, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var afterSql = after is null ? null : KeysetSql.After(keys, after, builder.Parameter);
        var beforeSql = before is null ? null : KeysetSql.Before(keys, before, builder.Parameter);
        var items = new List<T>(Math.Min(limit + 1, 101));
        command.CommandText = $"SELECT {columns} FROM {table}{Where(And(where, afterSql, beforeSql))} ORDER BY {KeysetSql.OrderBy(keys, fromEnd)} LIMIT {(limit + 1).ToString(CultureInfo.InvariantCulture)}";
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(read(reader));
            }
        }

        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        if (fromEnd)
        {
            items.Reverse();
        }

        // Rows before the page: past the far end of a backward window, or at or before the after-cursor.
        var hasPrevious = (fromEnd && more) || (afterSql is not null && await ExistsAsync(command, table, And(where, "NOT " + afterSql)!, cancellationToken).ConfigureAwait(false));
        var hasNext = (!fromEnd && more) || (beforeSql is not null && await ExistsAsync(command, table, And(where, "NOT " + beforeSql)!, cancellationToken).ConfigureAwait(false));
        return new KeysetPage<T>(items, hasPrevious, hasNext);
    }

    private static async Task UpsertVehicleCertificateAsync(SqliteCommand command, string thingName, string certificateId, string status, DateTimeOffset expiry, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        command.CommandText = """
            INSERT INTO fleet_index (thing_name, vin, connected, certificate_id, certificate_status, certificate_expiry, shadow_version, updated_at)
            VALUES ($thing, $vin, 0, $certificate, $status, $expiry, 0, $updated)
            ON CONFLICT (thing_name) DO UPDATE SET certificate_id = excluded.certificate_id,
              certificate_status = excluded.certificate_status, certificate_expiry = excluded.certificate_expiry,
              updated_at = excluded.updated_at
            WHERE fleet_index.certificate_id IS NULL OR fleet_index.certificate_id = excluded.certificate_id
              OR excluded.certificate_status = 'ACTIVE'
            """;
        command.Parameters.AddWithValue("$certificate", certificateId);
        command.Parameters.AddWithValue("$thing", thingName);
        command.Parameters.AddWithValue("$vin", (object?)FleetVin.FromThingName(thingName) ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$expiry", expiry.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", updatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static CertificateInfo ReadCertificate(SqliteDataReader reader) =>
        JsonSerializer.Deserialize(reader.GetString(0), FleetIndexJsonContext.Default.CertificateInfo)!;

    private static FleetIndexEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetInt64(2) != 0,
        FromDb(reader, 3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        FromDb(reader, 5),
        reader.GetInt64(6),
        reader.IsDBNull(7) ? null : JsonSerializer.Deserialize(reader.GetString(7), FleetIndexJsonContext.Default.IReadOnlyDictionaryStringString),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));

    private static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? FromDb(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _store.OpenAsync(cancellationToken);
}
