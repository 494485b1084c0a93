using Microsoft.Data.Sqlite;
using Twins.Actors.Storage;

namespace Twins.Actors.Membership;

/// <summary>
/// The membership table in the SQLite file (silos on one machine): a row per silo and a version row per
/// service, changed together in one transaction.
/// </summary>
public sealed class SqliteMembershipTable : IMembershipTable
{
    private readonly SqliteDatabase _database;
    private readonly string _serviceId;

    /// <summary>Creates the table over the file in <paramref name="options"/> for cluster <paramref name="serviceId"/>.</summary>
    public SqliteMembershipTable(SqliteStorageOptions options, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.DataSource);
        _serviceId = serviceId;
    }

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var rows = new List<MembershipEntry>();
                var command = Command(connection, transaction, "SELECT silo, silo_name, status, heartbeat_at, started_at FROM membership WHERE service_id = $s");
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            rows.Add(new MembershipEntry
                            {
                                Silo = SiloAddress.Parse(reader.GetString(0)),
                                SiloName = reader.GetString(1),
                                Status = (SiloStatus)reader.GetInt32(2),
                                HeartbeatAt = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                                StartedAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                            });
                        }
                    }
                }

                return new MembershipSnapshot(version, rows);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryWriteStatusAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: the version check and both writes happen under the file's write lock.
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var bump = Command(connection, transaction, expectedVersion == 0
                    ? "INSERT INTO membership_version (service_id, version) VALUES ($s, 1) ON CONFLICT DO UPDATE SET version = 1 WHERE version = 0"
                    : "UPDATE membership_version SET version = version + 1 WHERE service_id = $s AND version = $v");
                await using (bump.ConfigureAwait(false))
                {
                    bump.Parameters.AddWithValue("$v", expectedVersion);
                    if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return false;
                    }
                }

                var upsert = Command(connection, transaction, """
                    INSERT INTO membership (service_id, silo, silo_name, status, heartbeat_at, started_at) VALUES ($s, $silo, $name, $status, $hb, $start)
                    ON CONFLICT DO UPDATE SET silo_name = $name, status = $status, heartbeat_at = $hb, started_at = $start
                    """);
                await using (upsert.ConfigureAwait(false))
                {
                    upsert.Parameters.AddWithValue("$silo", entry.Silo.ToString());
                    upsert.Parameters.AddWithValue("$name", entry.SiloName);
                    upsert.Parameters.AddWithValue("$status", (int)entry.Status);
                    upsert.Parameters.AddWithValue("$hb", entry.HeartbeatAt.UtcTicks);
                    upsert.Parameters.AddWithValue("$start", entry.StartedAt.UtcTicks);
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> HeartbeatAsync(SiloAddress silo, DateTimeOffset heartbeatAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "UPDATE membership SET heartbeat_at = $hb WHERE service_id = $s AND silo = $silo AND status <> $dead");
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$hb", heartbeatAt.UtcTicks);
                command.Parameters.AddWithValue("$silo", silo.ToString());
                command.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            }
        }
    }

    private async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, "SELECT version FROM membership_version WHERE service_id = $s");
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
        }
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$s", _serviceId);
        return command;
    }
}
