using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Twins.Grains.Internal;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index as a SQLite table (in the grain store's file by default) with indexes on the columns
/// queries filter and sort by. Filters and sort keys become SQL with parameters; pages are LIMIT/OFFSET
/// over an order that always ends with the thing name, so a page boundary is deterministic.
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
        """;

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
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
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
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task UpsertCertificateAsync(string thingName, string certificateId, string status, DateTimeOffset expiry, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
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
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                var where = new SqlFilterBuilder(command).Build(query.Filter, query.Scope);
                command.CommandText = $"SELECT count(*) FROM fleet_index{where}";
                var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                var items = new List<FleetIndexEntry>(Math.Min(query.Limit, 1000));
                if (query.Limit > 0 && query.Offset < total)
                {
                    command.CommandText = $"SELECT {Columns} FROM fleet_index{where} ORDER BY {OrderBy(query.Order)} LIMIT $limit OFFSET $offset";
                    command.Parameters.AddWithValue("$limit", query.Limit);
                    command.Parameters.AddWithValue("$offset", query.Offset);
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            items.Add(Read(reader));
                        }
                    }
                }

                return new FleetPage(items, total);
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
                var where = new SqlFilterBuilder(command).Build(null, scope);
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

                return new FleetCounts(total, connected, byStatus);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();

    private static string OrderBy(IReadOnlyList<FleetOrder> order)
    {
        var sql = new StringBuilder();
        foreach (var key in order)
        {
            var column = Column(key.Field);
            sql.Append(column).Append(key.Descending ? " DESC" : " ASC");
            if (column is not ("thing_name" or "connected" or "shadow_version"))
            {
                sql.Append(" NULLS LAST");
            }

            sql.Append(", ");
            if (key.Field == FleetSortField.ThingName)
            {
                return sql.ToString(0, sql.Length - 2);
            }
        }

        return sql.Append("thing_name ASC").ToString();
    }

    internal static string Column(FleetSortField field) => field switch
    {
        FleetSortField.ThingName => "thing_name",
        FleetSortField.Vin => "vin",
        FleetSortField.Connected => "connected",
        FleetSortField.LastSeen => "last_seen",
        FleetSortField.CertificateStatus => "certificate_status",
        FleetSortField.CertificateExpiry => "certificate_expiry",
        FleetSortField.ShadowVersion => "shadow_version",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

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
