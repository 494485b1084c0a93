using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
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
public sealed partial class SqliteTelemetrySink : ITelemetrySink, IAsyncDisposable
{
    /// <summary>Value rows per prepared multi-row INSERT (4 parameters each).</summary>
    private const int RowsPerInsert = 64;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telemetry_sample (
        vehicle TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, signals BLOB NOT NULL,
        PRIMARY KEY (vehicle, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_telemetry_sample_vehicle_time ON telemetry_sample (vehicle, ts);
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
        var pending = new PendingWrite(vehicle, sample.Seq, sample.Timestamp.ToUnixTimeMilliseconds(), encoder.WrittenSpan.ToArray(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
        var connection = await ShardOf(vehicle).Store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // Samples without the signal are skipped here, so the limit counts points, not samples.
                command.CommandText = "SELECT ts, seq, signals FROM telemetry_sample WHERE vehicle = $v AND ts >= $from AND ts < $to ORDER BY ts, seq";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$from", since.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", until.ToUnixTimeMilliseconds());
                var points = new List<TelemetryPoint>();
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

                return points;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        var connection = await ShardOf(vehicle).Store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT seq, ts, signals FROM telemetry_sample WHERE vehicle = $v AND seq > $q ORDER BY seq";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$q", afterSeq);
                var samples = new List<TelemetrySample>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        samples.Add(new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(0), SignalsBlob.Read(reader.GetFieldValue<byte[]>(2))));
                    }
                }

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
            shard.Store.Dispose();
        }
    }

    /// <summary>
    /// The file of shard <paramref name="index"/>: the configured file itself when there is one shard, else
    /// <c>{name}.{index}-of-{count}{extension}</c> beside it, so a changed shard count never mixes layouts.
    /// </summary>
    internal static string ShardPath(string dataSource, int index, int count) =>
        count == 1 ? dataSource : Path.Combine(Path.GetDirectoryName(dataSource) ?? "", string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(dataSource)}.{index}-of-{count}{Path.GetExtension(dataSource)}"));

    /// <summary>FNV-1a of the vehicle name: stable across processes, so a vehicle's samples are always in one shard.</summary>
    private Shard ShardOf(string vehicle)
    {
        if (_shards.Length == 1)
        {
            return _shards[0];
        }

        var hash = 2166136261u;
        foreach (var c in vehicle)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return _shards[hash % (uint)_shards.Length];
    }

    private async Task WriteLoopAsync(Shard shard)
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        BatchInserter? inserter = null;
        try
        {
            while (await shard.Queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && shard.Queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    inserter ??= new BatchInserter(await shard.Store.OpenAsync(CancellationToken.None).ConfigureAwait(false));
                    inserter.Commit(batch);
                    Interlocked.Add(ref _written, batch.Count);
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetResult();
                    }
                }
#pragma warning disable CA1031 // every waiting writer must learn about the failure; the loop keeps serving
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogCommitFailed(_logger, ex, batch.Count);
                    // A fresh connection for the next batch, in case this one is what failed.
                    inserter?.Dispose();
                    inserter = null;
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            inserter?.Dispose();
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Telemetry sink could not commit a batch of {Count} samples")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);

    /// <summary>One database file with its own queue and writer loop: shards commit in parallel.</summary>
    private sealed class Shard(SqliteTableStore store)
    {
        public SqliteTableStore Store { get; } = store;

        public Channel<PendingWrite> Queue { get; } = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

        public Task Writer { get; set; } = Task.CompletedTask;
    }

    private sealed record PendingWrite(string Vehicle, long Seq, long Timestamp, byte[] Signals, TaskCompletionSource Completion);

    /// <summary>The writer loop's connection with its single-row and multi-row inserts prepared once.</summary>
    private sealed class BatchInserter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _one;
        private readonly SqliteCommand _many;

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

            _one = Prepare(connection, 1);
            _many = Prepare(connection, RowsPerInsert);
        }

        public void Commit(List<PendingWrite> batch)
        {
            using var transaction = _connection.BeginTransaction();
            _one.Transaction = transaction;
            _many.Transaction = transaction;
            var at = 0;
            for (; batch.Count - at >= RowsPerInsert; at += RowsPerInsert)
            {
                Bind(_many, batch, at, RowsPerInsert);
                _many.ExecuteNonQuery();
            }

            for (; at < batch.Count; at++)
            {
                Bind(_one, batch, at, 1);
                _one.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            _one.Dispose();
            _many.Dispose();
            _connection.Dispose();
        }

        private static void Bind(SqliteCommand command, List<PendingWrite> batch, int from, int rows)
        {
            var parameters = command.Parameters;
            for (var r = 0; r < rows; r++)
            {
                var pending = batch[from + r];
                parameters[(4 * r) + 0].Value = pending.Vehicle;
                parameters[(4 * r) + 1].Value = pending.Seq;
                parameters[(4 * r) + 2].Value = pending.Timestamp;
                parameters[(4 * r) + 3].Value = pending.Signals;
            }
        }

        private static SqliteCommand Prepare(SqliteConnection connection, int rows)
        {
            var command = connection.CreateCommand();
            var sql = new StringBuilder("INSERT OR IGNORE INTO telemetry_sample (vehicle, seq, ts, signals) VALUES ");
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
