using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Twins.Providers.Internal;

namespace Twins.Providers.Sqlite;

/// <summary>
/// Orleans' membership table in a SQLite file, for silos of one machine sharing that file: a version row per
/// cluster (version and ETag) and a row per silo with every field of its <see cref="MembershipEntry"/> and a row
/// ETag. Inserts and updates check and change both in one <c>BEGIN IMMEDIATE</c> transaction, which holds the
/// file's write lock, so of several writers holding the same table version exactly one wins.
/// </summary>
internal sealed class SqliteMembershipTable : IMembershipTable
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            cluster_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, etag TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS orleans_membership (
            cluster_id TEXT NOT NULL, silo TEXT NOT NULL,
            status INTEGER NOT NULL, host_name TEXT, silo_name TEXT, role_name TEXT,
            proxy_port INTEGER NOT NULL, update_zone INTEGER NOT NULL, fault_zone INTEGER NOT NULL,
            start_time INTEGER NOT NULL, i_am_alive_time INTEGER NOT NULL, suspect_times TEXT,
            etag TEXT NOT NULL,
            PRIMARY KEY (cluster_id, silo)) WITHOUT ROWID;
        """;

    private const string Columns = "silo, status, host_name, silo_name, role_name, proxy_port, update_zone, fault_zone, start_time, i_am_alive_time, suspect_times, etag";

    private readonly string _clusterId;
    private readonly SqliteDatabase _database;

    public SqliteMembershipTable(IOptions<SqliteClusteringOptions> options, IOptions<ClusterOptions> cluster)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), cluster?.Value.ClusterId ?? throw new ArgumentNullException(nameof(cluster)))
    {
    }

    public SqliteMembershipTable(SqliteClusteringOptions options, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clusterId = clusterId;
        _database = new SqliteDatabase(options.DataSource, options.SettingName, Schema);
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (tryInitTableVersion)
            {
                var command = Command(connection, null, "INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES ($c, 0, $initial) ON CONFLICT DO NOTHING");
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("$initial", ETags.InitialTableVersion);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    [Obsolete("Use DeleteMembershipTableEntriesAsync.")]
    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "DELETE FROM orleans_membership WHERE cluster_id = $c; DELETE FROM orleans_membership_version WHERE cluster_id = $c;";
                command.Parameters.AddWithValue("$c", clusterId);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [Obsolete("Use CleanupDefunctSiloEntriesAsync.")]
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var (entry, _) in await ReadRowsAsync(connection, transaction, null, cancellationToken).ConfigureAwait(false))
                {
                    if (MembershipFormat.IsDefunct(entry, beforeDate))
                    {
                        var delete = Command(connection, transaction, "DELETE FROM orleans_membership WHERE cluster_id = $c AND silo = $silo");
                        await using (delete.ConfigureAwait(false))
                        {
                            delete.Parameters.AddWithValue("$silo", entry.SiloAddress.ToParsableString());
                            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [Obsolete("Use ReadRowAsync.")]
    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(key, cancellationToken);
    }

    [Obsolete("Use ReadAllAsync.")]
    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    [Obsolete("Use InsertRowAsync.")]
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) =>
        WriteAsync(entry, null, tableVersion, cancellationToken);

    [Obsolete("Use UpdateRowAsync.")]
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(etag);
        return WriteAsync(entry, etag, tableVersion, cancellationToken);
    }

    [Obsolete("Use UpdateIAmAliveAsync.")]
    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Heartbeat-neutral: neither the row ETag nor the table version changes, so a silo's pending
            // UpdateRow with what it read stays valid (Orleans' contract for UpdateIAmAlive).
            var command = Command(connection, null, "UPDATE orleans_membership SET i_am_alive_time = $t WHERE cluster_id = $c AND silo = $silo");
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$t", StoredTime.ToTicks(entry.IAmAliveTime));
                command.Parameters.AddWithValue("$silo", entry.SiloAddress.ToParsableString());
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The active silos' gateways (for <see cref="SqliteGatewayListProvider"/>).</summary>
    internal async Task<IList<Uri>> ReadGatewaysAsync(CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await ReadRowsAsync(connection, null, null, cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(row => MembershipFormat.GatewayUri(row.Item1)).OfType<Uri>()];
        }
    }

    /// <summary>Opens the file (creating folder, file and tables) or throws <see cref="StoreUnavailableException"/>.</summary>
    internal Task InitializeDatabaseAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    private async Task<MembershipTableData> ReadAsync(SiloAddress? silo, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One read transaction: WAL gives it a snapshot, so version and rows are read together.
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var rows = await ReadRowsAsync(connection, transaction, silo, cancellationToken).ConfigureAwait(false);
                return new MembershipTableData(rows, version);
            }
        }
    }

    private async Task<bool> WriteAsync(MembershipEntry entry, string? rowETag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: the checks below and both writes happen under the file's write lock.
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (current.VersionEtag != tableVersion.VersionEtag)
                {
                    return false;
                }

                var stored = await ReadRowETagAsync(connection, transaction, entry.SiloAddress, cancellationToken).ConfigureAwait(false);
                if (rowETag is null ? stored is not null : stored != rowETag)
                {
                    return false;
                }

                var version = Command(connection, transaction, """
                    INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES ($c, $v, $etag)
                    ON CONFLICT DO UPDATE SET version = $v, etag = $etag
                    """);
                await using (version.ConfigureAwait(false))
                {
                    version.Parameters.AddWithValue("$v", tableVersion.Version);
                    version.Parameters.AddWithValue("$etag", ETags.New());
                    await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var row = Command(connection, transaction, $"""
                    INSERT OR REPLACE INTO orleans_membership (cluster_id, {Columns})
                    VALUES ($c, $silo, $status, $host, $name, $role, $proxy, $update_zone, $fault_zone, $start, $alive, $suspects, $etag)
                    """);
                await using (row.ConfigureAwait(false))
                {
                    row.Parameters.AddWithValue("$silo", entry.SiloAddress.ToParsableString());
                    row.Parameters.AddWithValue("$status", (int)entry.Status);
                    row.Parameters.AddWithValue("$host", (object?)entry.HostName ?? DBNull.Value);
                    row.Parameters.AddWithValue("$name", (object?)entry.SiloName ?? DBNull.Value);
                    row.Parameters.AddWithValue("$role", (object?)entry.RoleName ?? DBNull.Value);
                    row.Parameters.AddWithValue("$proxy", entry.ProxyPort);
                    row.Parameters.AddWithValue("$update_zone", entry.UpdateZone);
                    row.Parameters.AddWithValue("$fault_zone", entry.FaultZone);
                    row.Parameters.AddWithValue("$start", StoredTime.ToTicks(entry.StartTime));
                    row.Parameters.AddWithValue("$alive", StoredTime.ToTicks(entry.IAmAliveTime));
                    row.Parameters.AddWithValue("$suspects", (object?)MembershipFormat.FormatSuspectTimes(entry.SuspectTimes) ?? DBNull.Value);
                    row.Parameters.AddWithValue("$etag", ETags.New());
                    await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    private async Task<TableVersion> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, "SELECT version, etag FROM orleans_membership_version WHERE cluster_id = $c");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // No version row yet (nobody initialized): version 0, which the first insert may name.
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new TableVersion(checked((int)reader.GetInt64(0)), reader.GetString(1))
                    : new TableVersion(0, ETags.InitialTableVersion);
            }
        }
    }

    private async Task<string?> ReadRowETagAsync(SqliteConnection connection, SqliteTransaction transaction, SiloAddress silo, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, "SELECT etag FROM orleans_membership WHERE cluster_id = $c AND silo = $silo");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("$silo", silo.ToParsableString());
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    private async Task<List<Tuple<MembershipEntry, string>>> ReadRowsAsync(SqliteConnection connection, SqliteTransaction? transaction, SiloAddress? silo, CancellationToken cancellationToken)
    {
        var rows = new List<Tuple<MembershipEntry, string>>();
        var command = Command(connection, transaction, silo is null
            ? $"SELECT {Columns} FROM orleans_membership WHERE cluster_id = $c"
            : $"SELECT {Columns} FROM orleans_membership WHERE cluster_id = $c AND silo = $silo");
        await using (command.ConfigureAwait(false))
        {
            if (silo is not null)
            {
                command.Parameters.AddWithValue("$silo", silo.ToParsableString());
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var entry = new MembershipEntry
                    {
                        SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
                        Status = (SiloStatus)reader.GetInt32(1),
                        HostName = reader.IsDBNull(2) ? null! : reader.GetString(2),
                        SiloName = reader.IsDBNull(3) ? null! : reader.GetString(3),
                        RoleName = reader.IsDBNull(4) ? null : reader.GetString(4),
                        ProxyPort = reader.GetInt32(5),
                        UpdateZone = reader.GetInt32(6),
                        FaultZone = reader.GetInt32(7),
                        StartTime = StoredTime.FromTicks(reader.GetInt64(8)),
                        IAmAliveTime = StoredTime.FromTicks(reader.GetInt64(9)),
                        SuspectTimes = MembershipFormat.ParseSuspectTimes(reader.IsDBNull(10) ? null : reader.GetString(10)),
                    };
                    rows.Add(Tuple.Create(entry, reader.GetString(11)));
                }
            }
        }

        return rows;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // fixed SQL text; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$c", _clusterId);
        return command;
    }
}
