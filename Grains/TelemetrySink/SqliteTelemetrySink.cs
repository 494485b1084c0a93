using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink.Internal;

namespace Twins.Grains.TelemetrySink;

/// <summary>
/// The embedded time-series sink: one SQLite row per sample keyed by (vehicle, seq), its signals in a compact
/// column, and an index on (vehicle, time). Writers queue their sample (encoded on the caller's thread) and wait; a
/// single writer loop, on a connection it keeps open with its insert statements prepared, commits whatever has queued
/// (up to <see cref="SqliteTelemetrySinkOptions.MaxBatchSize"/>) in one transaction with multi-row inserts (group
/// commit), so the batch grows with the load and a sample is durable when its write completes. Vehicles are spread
/// over <see cref="SqliteTelemetrySinkOptions.Shards"/> files, each with its own writer, so commits run in parallel.
/// </summary>
/// <remarks>
/// A commit appends to <c>telemetry_recent</c>, a table in arrival order (the end of one B-tree), rather than
/// inserting into the two vehicle-ordered B-trees, where every sample of a different vehicle rewrote its own leaf page
/// in each. The writer also keeps those recent samples in memory, so reads see them at once; every
/// <see cref="SqliteTelemetrySinkOptions.MergeThreshold"/> samples it moves them, sorted by vehicle and seq, into
/// <c>telemetry_sample</c>, <see cref="MergeStepRows"/> per transaction with the shard's appends in between, then
/// deletes them from <c>telemetry_recent</c> (INSERT OR IGNORE: the first stored copy of a (vehicle, seq) wins, as
/// before). Recent samples left by a crash are merged before the shard's first read or write.
/// </remarks>
public sealed partial class SqliteTelemetrySink : ITelemetrySink, IAsyncDisposable
{
    /// <summary>Value rows per prepared multi-row INSERT (4 parameters each).</summary>
    private const int RowsPerInsert = 64;

    /// <summary>Rows a merge moves per transaction; the shard's appends (and acknowledgements) run between two steps.</summary>
    private const int MergeStepRows = 2048;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telemetry_sample (
        vehicle TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, signals BLOB NOT NULL,
        PRIMARY KEY (vehicle, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_telemetry_sample_vehicle_time ON telemetry_sample (vehicle, ts);
        CREATE TABLE IF NOT EXISTS telemetry_recent (vehicle TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, signals BLOB NOT NULL);
        """;

    private const string RecoverRecent = """
        INSERT OR IGNORE INTO telemetry_sample (vehicle, seq, ts, signals) SELECT vehicle, seq, ts, signals FROM telemetry_recent ORDER BY vehicle, seq, rowid;
        DELETE FROM telemetry_recent;
        """;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_encoder;

    private readonly SqliteTelemetrySinkOptions _options;
    private readonly ILogger<SqliteTelemetrySink> _logger;
    private readonly Shard[] _shards;
    private long _written;

    /// <summary>Creates the sink (the file and table are created on first use).</summary>
    public SqliteTelemetrySink(SqliteTelemetrySinkOptions options, ILogger<SqliteTelemetrySink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MergeThreshold, 1);
        _options = options;
        _logger = logger;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Shards, 1);
        _shards = new Shard[options.Shards];
        for (var i = 0; i < _shards.Length; i++)
        {
            var shard = new Shard(new SqliteTableStore(ShardPath(options.DataSource, i, _shards.Length), Schema));
            shard.Writer = Task.Run(() => WriteLoopAsync(shard));
            _shards[i] = shard;
        }
    }

    /// <summary>Samples committed so far.</summary>
    public long WrittenSamples => Interlocked.Read(ref _written);

    /// <inheritdoc />
    public Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        ArgumentNullException.ThrowIfNull(sample);
        var encoder = t_encoder ??= new ArrayBufferWriter<byte>(256);
        encoder.ResetWrittenCount();
        SignalsBlob.Write(sample.Signals, encoder);
        var pending = new PendingWrite(vehicle, sample.Seq, sample.Timestamp.ToUnixTimeMilliseconds(), encoder.WrittenSpan.ToArray(), new TaskCompletionSource());
        ObjectDisposedException.ThrowIf(!ShardOf(vehicle).Queue.Writer.TryWrite(pending), this);

        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var name = Encoding.UTF8.GetBytes(signal);
        var from = since.ToUnixTimeMilliseconds();
        var to = until.ToUnixTimeMilliseconds();
        var shard = ShardOf(vehicle);
        await shard.EnsureRecoveredAsync(cancellationToken).ConfigureAwait(false);
        // Recent samples first: one merged meanwhile is then also in the table (and read once), never in neither.
        var recent = shard.Recent(vehicle, row => row.Timestamp >= from && row.Timestamp < to);
        var connection = await shard.Store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var points = new List<TelemetryPoint>();
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // Samples without the signal are skipped here, so the limit counts points, not samples.
                command.CommandText = "SELECT ts, seq, signals FROM telemetry_sample WHERE vehicle = $v AND ts >= $from AND ts < $to ORDER BY ts, seq";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$to", to);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (points.Count < limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (SignalsBlob.TryFind(reader.GetFieldValue<byte[]>(2), name, out var value))
                        {
                            points.Add(new TelemetryPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1), value));
                        }
                    }
                }
            }

            if (recent.Count == 0)
            {
                return points;
            }

            // A recent sample whose (vehicle, seq) is already stored is a later copy: the stored one wins, in or out of the range.
            var stored = await StoredSeqsAsync(connection, vehicle, recent, cancellationToken).ConfigureAwait(false);
            foreach (var row in recent)
            {
                if (!stored.Contains(row.Seq) && SignalsBlob.TryFind(row.Signals, name, out var value))
                {
                    points.Add(new TelemetryPoint(DateTimeOffset.FromUnixTimeMilliseconds(row.Timestamp), row.Seq, value));
                }
            }

            points.Sort(static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.Seq.CompareTo(b.Seq));
            return points.Count > limit ? points.GetRange(0, limit) : points;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        var shard = ShardOf(vehicle);
        await shard.EnsureRecoveredAsync(cancellationToken).ConfigureAwait(false);
        var recent = shard.Recent(vehicle, row => row.Seq > afterSeq);
        var connection = await shard.Store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT seq, ts, signals FROM telemetry_sample WHERE vehicle = $v AND seq > $q ORDER BY seq";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$q", afterSeq);
                var samples = new List<TelemetrySample>();
                var stored = new HashSet<long>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        samples.Add(new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(0), SignalsBlob.Read(reader.GetFieldValue<byte[]>(2))));
                        stored.Add(samples[^1].Seq);
                    }
                }

                if (recent.Count == 0)
                {
                    return samples;
                }

                foreach (var row in recent)
                {
                    if (!stored.Contains(row.Seq))
                    {
                        samples.Add(new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(row.Timestamp), row.Seq, SignalsBlob.Read(row.Signals)));
                    }
                }

                samples.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
                return samples;
            }
        }
    }

    /// <summary>Stops accepting writes, commits what is queued and ends the writer loop.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards)
        {
            shard.Queue.Writer.TryComplete();
        }

        foreach (var shard in _shards)
        {
            await shard.Writer.ConfigureAwait(false);
            shard.Dispose();
        }
    }

    /// <summary>Which of <paramref name="recent"/>'s seqs <c>telemetry_sample</c> already holds for <paramref name="vehicle"/>.</summary>
    private static async Task<HashSet<long>> StoredSeqsAsync(SqliteConnection connection, string vehicle, List<RecentRow> recent, CancellationToken cancellationToken)
    {
        var stored = new HashSet<long>();
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT 1 FROM telemetry_sample WHERE vehicle = $v AND seq = $q";
            command.Parameters.AddWithValue("$v", vehicle);
            var seq = command.Parameters.Add("$q", SqliteType.Integer);
            foreach (var row in recent)
            {
                seq.Value = row.Seq;
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    stored.Add(row.Seq);
                }
            }
        }

        return stored;
    }

    /// <summary>
    /// The file of shard <paramref name="index"/>: the configured file itself when there is one shard, else
    /// <c>{name}.{index}-of-{count}{extension}</c> beside it, so a changed shard count never mixes layouts.
    /// </summary>
    internal static string ShardPath(string dataSource, int index, int count) =>
        count == 1 ? dataSource : Path.Combine(Path.GetDirectoryName(dataSource) ?? "", string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(dataSource)}.{index}-of-{count}{Path.GetExtension(dataSource)}"));

    /// <summary>A vehicle's samples are always in one shard, whichever process wrote them.</summary>
    private Shard ShardOf(string vehicle) => _shards[ThingPartition.Of(vehicle, _shards.Length)];

    private async Task WriteLoopAsync(Shard shard)
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        BatchInserter? inserter = null;
        Merge? merge = null;
        var mergeAt = _options.MergeThreshold;
        try
        {
            while (true)
            {
                if (merge is not null && inserter is not null && !shard.Queue.Reader.TryPeek(out _))
                {
                    // Nothing waits: go on merging.
                    merge = MergeStep(shard, inserter, merge, ref mergeAt);
                    continue;
                }

                if (!await shard.Queue.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    break;
                }

                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && shard.Queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    if (inserter is null)
                    {
                        await shard.EnsureRecoveredAsync(CancellationToken.None).ConfigureAwait(false);
                        inserter = new BatchInserter(await shard.Store.OpenAsync(CancellationToken.None).ConfigureAwait(false));
                        merge = null;
                    }

                    inserter.Append(batch);
                    // In memory before the writers learn that their samples are stored: a read after the write sees them.
                    shard.Remember(batch);
                    Interlocked.Add(ref _written, batch.Count);
                }
#pragma warning disable CA1031 // every waiting writer must learn about the failure; the loop keeps serving
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogCommitFailed(_logger, ex, batch.Count);
                    // A fresh connection for the next batch, in case this one is what failed.
                    inserter?.Dispose();
                    inserter = null;
                    Complete(batch, ex);
                    continue;
                }

                Complete(batch, failure: null);

                if (merge is null && shard.RecentCount >= mergeAt)
                {
                    merge = new Merge(shard.RecentSorted(), inserter.LastRowId);
                }

                if (merge is not null)
                {
                    merge = MergeStep(shard, inserter, merge, ref mergeAt);
                }
            }

            // Stopping: leave nothing in telemetry_recent (a restart would merge it anyway).
            while (inserter is not null && (merge is not null || shard.RecentCount > 0))
            {
                var current = merge ?? new Merge(shard.RecentSorted(), inserter.LastRowId);
                merge = MergeStep(shard, inserter, current, ref mergeAt);
                if (current.Failed)
                {
                    break;
                }
            }
        }
        finally
        {
            inserter?.Dispose();
        }
    }

    /// <summary>
    /// Completes a batch's writes in one thread-pool work item: their continuations run there (a grain's is posted to its
    /// activation), neither on the writer loop, which goes on to the next commit, nor as one work item per write.
    /// </summary>
    private static void Complete(List<PendingWrite> batch, Exception? failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                foreach (var pending in state.Writes)
                {
                    if (state.Failure is null)
                    {
                        pending.Completion.TrySetResult();
                    }
                    else
                    {
                        pending.Completion.TrySetException(state.Failure);
                    }
                }
            },
            (Writes: batch.ToArray(), Failure: failure),
            preferLocal: false);

    /// <summary>
    /// Moves the next <see cref="MergeStepRows"/> of <paramref name="merge"/> into the vehicle-ordered table, or, when all
    /// are there, deletes them from <c>telemetry_recent</c> and from memory. Null when the merge is over (done or failed:
    /// failed, its rows stay recent and durable, and the next merge takes them again).
    /// </summary>
    private Merge? MergeStep(Shard shard, BatchInserter inserter, Merge merge, ref int mergeAt)
    {
        try
        {
            if (merge.Next < merge.Rows.Count)
            {
                var count = Math.Min(MergeStepRows, merge.Rows.Count - merge.Next);
                inserter.Merge(merge.Rows, merge.Next, count);
                merge.Next += count;
                return merge;
            }

            inserter.DeleteRecent(merge.UpToRowId);
            shard.Forget(merge.Rows);
            mergeAt = _options.MergeThreshold;
            return null;
        }
#pragma warning disable CA1031 // the samples are durable in telemetry_recent and still read from memory; the next merge retries
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogMergeFailed(_logger, ex, merge.Rows.Count);
            merge.Failed = true;
            mergeAt = shard.RecentCount + _options.MergeThreshold;
            return null;
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Telemetry sink could not commit a batch of {Count} samples")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Telemetry sink could not merge {Count} recent samples into the vehicle-ordered table; they stay in telemetry_recent and are retried")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception, int count);

    /// <summary>
    /// One database file with its own queue and writer loop (shards commit in parallel), and the samples appended to its
    /// <c>telemetry_recent</c> since the last merge, by vehicle and seq (the first copy of a seq kept), for reads.
    /// </summary>
    private sealed class Shard(SqliteTableStore store) : IDisposable
    {
        private readonly Dictionary<string, Dictionary<long, RecentRow>> _recent = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _recovery = new(1, 1);
        private volatile bool _recovered;
        private int _recentCount;

        public SqliteTableStore Store { get; } = store;

        public Channel<PendingWrite> Queue { get; } = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

        public Task Writer { get; set; } = Task.CompletedTask;

        /// <summary>Rows held since the last merge (written by the writer loop only).</summary>
        public int RecentCount => Volatile.Read(ref _recentCount);

        /// <summary>Merges what a previous process left in <c>telemetry_recent</c> (it is not in memory) before the first read or write.</summary>
        public async Task EnsureRecoveredAsync(CancellationToken cancellationToken)
        {
            if (_recovered)
            {
                return;
            }

            await _recovery.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_recovered)
                {
                    return;
                }

                var connection = await Store.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    var transaction = connection.BeginTransaction();
                    await using (transaction.ConfigureAwait(false))
                    {
                        var command = connection.CreateCommand();
                        await using (command.ConfigureAwait(false))
                        {
                            command.Transaction = transaction;
                            command.CommandText = RecoverRecent;
                            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                _recovered = true;
            }
            finally
            {
                _recovery.Release();
            }
        }

        public void Remember(List<PendingWrite> batch)
        {
            lock (_recent)
            {
                foreach (var pending in batch)
                {
                    if (!_recent.TryGetValue(pending.Vehicle, out var rows))
                    {
                        _recent[pending.Vehicle] = rows = [];
                    }

                    if (rows.TryAdd(pending.Seq, new RecentRow(pending.Seq, pending.Timestamp, pending.Signals)))
                    {
                        _recentCount++;
                    }
                }
            }
        }

        /// <summary>The recent rows of <paramref name="vehicle"/> that match <paramref name="predicate"/>.</summary>
        public List<RecentRow> Recent(string vehicle, Func<RecentRow, bool> predicate)
        {
            var matches = new List<RecentRow>();
            lock (_recent)
            {
                if (_recent.TryGetValue(vehicle, out var rows))
                {
                    foreach (var row in rows.Values)
                    {
                        if (predicate(row))
                        {
                            matches.Add(row);
                        }
                    }
                }
            }

            return matches;
        }

        /// <summary>Every recent row with its vehicle, sorted by vehicle and seq (the order of the vehicle-ordered table).</summary>
        public List<(string Vehicle, RecentRow Row)> RecentSorted()
        {
            var all = new List<(string Vehicle, RecentRow Row)>(RecentCount);
            lock (_recent)
            {
                foreach (var (vehicle, rows) in _recent)
                {
                    foreach (var row in rows.Values)
                    {
                        all.Add((vehicle, row));
                    }
                }
            }

            all.Sort(static (a, b) =>
            {
                var byVehicle = string.CompareOrdinal(a.Vehicle, b.Vehicle);
                return byVehicle != 0 ? byVehicle : a.Row.Seq.CompareTo(b.Row.Seq);
            });
            return all;
        }

        /// <summary>After a merge deleted them from <c>telemetry_recent</c>: the rows are read from the table from now on.</summary>
        public void Forget(List<(string Vehicle, RecentRow Row)> merged)
        {
            lock (_recent)
            {
                foreach (var (vehicle, row) in merged)
                {
                    if (_recent.TryGetValue(vehicle, out var rows) && rows.Remove(row.Seq))
                    {
                        _recentCount--;
                        if (rows.Count == 0)
                        {
                            _recent.Remove(vehicle);
                        }
                    }
                }
            }
        }

        public void Dispose()
        {
            Store.Dispose();
            _recovery.Dispose();
        }
    }

    /// <summary>A sample in <c>telemetry_recent</c> (its signals in the stored form).</summary>
    private sealed record RecentRow(long Seq, long Timestamp, byte[] Signals);

    /// <summary>A merge in progress: the recent rows when it started, sorted, how far it got, and the last rowid they span.</summary>
    private sealed class Merge(List<(string Vehicle, RecentRow Row)> rows, long upToRowId)
    {
        public List<(string Vehicle, RecentRow Row)> Rows { get; } = rows;

        public long UpToRowId { get; } = upToRowId;

        public int Next { get; set; }

        public bool Failed { get; set; }
    }

    private sealed record PendingWrite(string Vehicle, long Seq, long Timestamp, byte[] Signals, TaskCompletionSource Completion);

    /// <summary>The writer loop's connection with its single-row and multi-row inserts prepared once, for both tables.</summary>
    private sealed class BatchInserter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _appendOne;
        private readonly SqliteCommand _appendMany;
        private readonly SqliteCommand _mergeOne;
        private readonly SqliteCommand _mergeMany;
        private readonly SqliteCommand _deleteRecent;
        private readonly SqliteCommand _lastRowId;

        public BatchInserter(SqliteConnection connection)
        {
            _connection = connection;
            // Only this connection writes the file. A cache that holds the hot leaf pages of every vehicle, and
            // checkpoints every 16,384 WAL pages instead of 1,000: most WAL frames are newer versions of the same
            // hot pages, which a checkpoint copies (and syncs) once, so rarer checkpoints copy far less per sample.
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;";
                pragmas.ExecuteNonQuery();
            }

            _appendOne = Prepare(connection, "INSERT INTO telemetry_recent", 1);
            _appendMany = Prepare(connection, "INSERT INTO telemetry_recent", RowsPerInsert);
            _mergeOne = Prepare(connection, "INSERT OR IGNORE INTO telemetry_sample", 1);
            _mergeMany = Prepare(connection, "INSERT OR IGNORE INTO telemetry_sample", RowsPerInsert);
            _deleteRecent = connection.CreateCommand();
            _deleteRecent.CommandText = "DELETE FROM telemetry_recent WHERE rowid <= $last";
            _deleteRecent.Parameters.Add("$last", SqliteType.Integer);
            _lastRowId = connection.CreateCommand();
            _lastRowId.CommandText = "SELECT last_insert_rowid()";
        }

        /// <summary>The rowid of the last row appended to <c>telemetry_recent</c> on this connection.</summary>
        public long LastRowId { get; private set; }

        /// <summary>Appends a batch of writes to <c>telemetry_recent</c> in one transaction.</summary>
        public void Append(List<PendingWrite> batch)
        {
            Insert(_appendOne, _appendMany, batch.Count, (i, parameters, at) => Bind(parameters, at, batch[i].Vehicle, batch[i].Seq, batch[i].Timestamp, batch[i].Signals), readLastRowId: true);
        }

        /// <summary>Copies <paramref name="count"/> of <paramref name="rows"/> (sorted) from <paramref name="from"/> into <c>telemetry_sample</c> in one transaction.</summary>
        public void Merge(List<(string Vehicle, RecentRow Row)> rows, int from, int count) =>
            Insert(_mergeOne, _mergeMany, count, (i, parameters, at) => Bind(parameters, at, rows[from + i].Vehicle, rows[from + i].Row.Seq, rows[from + i].Row.Timestamp, rows[from + i].Row.Signals), readLastRowId: false);

        /// <summary>Deletes the merged rows (rowid up to <paramref name="lastRowId"/>) from <c>telemetry_recent</c>; later appends stay.</summary>
        public void DeleteRecent(long lastRowId)
        {
            _deleteRecent.Parameters[0].Value = lastRowId;
            _deleteRecent.Transaction = null;
            _deleteRecent.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _appendOne.Dispose();
            _appendMany.Dispose();
            _mergeOne.Dispose();
            _mergeMany.Dispose();
            _deleteRecent.Dispose();
            _lastRowId.Dispose();
            _connection.Dispose();
        }

        private void Insert(SqliteCommand one, SqliteCommand many, int count, Action<int, SqliteParameterCollection, int> bind, bool readLastRowId)
        {
            using var transaction = _connection.BeginTransaction();
            one.Transaction = transaction;
            many.Transaction = transaction;
            var at = 0;
            for (; count - at >= RowsPerInsert; at += RowsPerInsert)
            {
                for (var r = 0; r < RowsPerInsert; r++)
                {
                    bind(at + r, many.Parameters, 4 * r);
                }

                many.ExecuteNonQuery();
            }

            for (; at < count; at++)
            {
                bind(at, one.Parameters, 0);
                one.ExecuteNonQuery();
            }

            if (readLastRowId)
            {
                _lastRowId.Transaction = transaction;
                var last = (long)_lastRowId.ExecuteScalar()!;
                transaction.Commit();
                LastRowId = last;
                return;
            }

            transaction.Commit();
        }

        private static void Bind(SqliteParameterCollection parameters, int at, string vehicle, long seq, long timestamp, byte[] signals)
        {
            parameters[at + 0].Value = vehicle;
            parameters[at + 1].Value = seq;
            parameters[at + 2].Value = timestamp;
            parameters[at + 3].Value = signals;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string insertInto, int rows)
        {
            var command = connection.CreateCommand();
            var sql = new StringBuilder(insertInto).Append(" (vehicle, seq, ts, signals) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"($v{r},$q{r},$t{r},$s{r})");
                command.Parameters.Add($"$v{r}", SqliteType.Text);
                command.Parameters.Add($"$q{r}", SqliteType.Integer);
                command.Parameters.Add($"$t{r}", SqliteType.Integer);
                command.Parameters.Add($"$s{r}", SqliteType.Blob);
            }

            command.CommandText = sql.ToString();
            command.Prepare();
            return command;
        }
    }
}
