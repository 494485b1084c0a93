using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Telemetry;

namespace Twins.Grains.TelemetrySink;

/// <summary>
/// The embedded time-series sink: one SQLite table keyed by (vehicle, signal, time, seq) with an index on
/// (vehicle, time). Writers queue their sample and wait; a single writer loop commits whatever has queued
/// (up to <see cref="SqliteTelemetrySinkOptions.MaxBatchSize"/>) in one transaction (group commit), so the
/// batch grows with the load and a sample is durable when its write completes.
/// </summary>
public sealed partial class SqliteTelemetrySink : ITelemetrySink, IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteTelemetrySinkOptions _options;
    private readonly ILogger<SqliteTelemetrySink> _logger;
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS telemetry (
        vehicle TEXT NOT NULL, signal TEXT NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL,
        kind INTEGER NOT NULL, num REAL, txt TEXT,
        PRIMARY KEY (vehicle, signal, ts, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_telemetry_vehicle_time ON telemetry (vehicle, ts);
        CREATE INDEX IF NOT EXISTS ix_telemetry_vehicle_seq ON telemetry (vehicle, seq);
        """;

    private readonly SqliteTableStore _store;
    private readonly Task _writer;

    /// <summary>Creates the sink (the file and table are created on first use).</summary>
    public SqliteTelemetrySink(SqliteTelemetrySinkOptions options, ILogger<SqliteTelemetrySink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        _options = options;
        _logger = logger;
        _store = new SqliteTableStore(options.DataSource, Schema);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Samples committed so far.</summary>
    public long WrittenSamples => Interlocked.Read(ref _written);

    private long _written;

    /// <inheritdoc />
    public Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        ArgumentNullException.ThrowIfNull(sample);
        var pending = new PendingWrite(vehicle, sample, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT ts, seq, kind, num, txt FROM telemetry WHERE vehicle = $v AND signal = $s AND ts >= $from AND ts < $to ORDER BY ts, seq LIMIT $limit";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$s", signal);
                command.Parameters.AddWithValue("$from", since.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", until.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$limit", limit);
                var points = new List<TelemetryPoint>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var value = (TelemetryValueKind)reader.GetInt32(2) switch
                        {
                            TelemetryValueKind.Number => TelemetryValue.FromNumber(reader.GetDouble(3)),
                            TelemetryValueKind.Boolean => TelemetryValue.FromBoolean(reader.GetDouble(3) != 0),
                            _ => TelemetryValue.FromString(reader.GetString(4)),
                        };
                        points.Add(new TelemetryPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1), value));
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
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT seq, ts, signal, kind, num, txt FROM telemetry WHERE vehicle = $v AND seq > $q ORDER BY seq, ts";
                command.Parameters.AddWithValue("$v", vehicle);
                command.Parameters.AddWithValue("$q", afterSeq);
                var samples = new List<TelemetrySample>();
                List<TelemetrySignal>? signals = null;
                (long Seq, long Ts) current = default;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var key = (reader.GetInt64(0), reader.GetInt64(1));
                        if (signals is null || key != current)
                        {
                            signals = [];
                            current = key;
                            samples.Add(new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(key.Item2), key.Item1, signals));
                        }

                        var value = (TelemetryValueKind)reader.GetInt32(3) switch
                        {
                            TelemetryValueKind.Number => TelemetryValue.FromNumber(reader.GetDouble(4)),
                            TelemetryValueKind.Boolean => TelemetryValue.FromBoolean(reader.GetDouble(4) != 0),
                            _ => TelemetryValue.FromString(reader.GetString(5)),
                        };
                        signals.Add(new TelemetrySignal(reader.GetString(2), value));
                    }
                }

                return samples;
            }
        }
    }

    /// <summary>Stops accepting writes, commits what is queued and ends the writer loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _store.Dispose();
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _store.OpenAsync(cancellationToken);

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
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
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.Transaction = transaction;
                    command.CommandText = "INSERT OR IGNORE INTO telemetry (vehicle, signal, ts, seq, kind, num, txt) VALUES ($v, $s, $t, $q, $k, $n, $x)";
                    var vehicle = command.Parameters.Add("$v", SqliteType.Text);
                    var signal = command.Parameters.Add("$s", SqliteType.Text);
                    var ts = command.Parameters.Add("$t", SqliteType.Integer);
                    var seq = command.Parameters.Add("$q", SqliteType.Integer);
                    var kind = command.Parameters.Add("$k", SqliteType.Integer);
                    var number = command.Parameters.Add("$n", SqliteType.Real);
                    var text = command.Parameters.Add("$x", SqliteType.Text);
                    command.Prepare();
                    foreach (var pending in batch)
                    {
                        vehicle.Value = pending.Vehicle;
                        ts.Value = pending.Sample.Timestamp.ToUnixTimeMilliseconds();
                        seq.Value = pending.Sample.Seq;
                        foreach (var s in pending.Sample.Signals)
                        {
                            signal.Value = s.Name;
                            kind.Value = (int)s.Value.Kind;
                            number.Value = s.Value.Kind switch
                            {
                                TelemetryValueKind.Number => s.Value.Number,
                                TelemetryValueKind.Boolean => s.Value.Boolean ? 1.0 : 0.0,
                                _ => DBNull.Value,
                            };
                            text.Value = s.Value.Kind == TelemetryValueKind.Text ? s.Value.Text ?? "" : DBNull.Value;
                            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Telemetry sink could not commit a batch of {Count} samples")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingWrite(string Vehicle, TelemetrySample Sample, TaskCompletionSource Completion);
}
