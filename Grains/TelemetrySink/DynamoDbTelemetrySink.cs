using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink.Internal;
using Twins.Providers.DynamoDb;

namespace Twins.Grains.TelemetrySink;

/// <summary>
/// The telemetry sink of silos clustered on DynamoDB, so a vehicle's history is whole whichever silo received each
/// sample: one item per sample, partition key <c>v</c> (the vehicle), sort key <c>k</c> (the sample's time then its
/// seq, fixed-width hex, so a time range is one Query with <c>BETWEEN</c>), the seq in <c>q</c> (a local secondary
/// index <c>bySeq</c> serves <see cref="ReadSinceAsync"/>) and the signals in <c>s</c> in the SQLite sink's compact
/// form. The key is derived from the sample, so a redelivered sample overwrites itself with the same item. Writers
/// queue their sample and wait; a writer loop sends what has queued as BatchWriteItem requests of 25 (at most
/// <see cref="ParallelRequests"/> at once) and resends unprocessed items with exponential backoff.
/// </summary>
public sealed partial class DynamoDbTelemetrySink : ITelemetrySink, IAsyncDisposable
{
    /// <summary>The table name unless configured.</summary>
    public const string DefaultTableName = "TwinsTelemetry";

    /// <summary>The most items one BatchWriteItem request may carry.</summary>
    public const int ItemsPerRequest = 25;

    /// <summary>BatchWriteItem requests in flight at once.</summary>
    public const int ParallelRequests = 4;

    /// <summary>Attempts for the unprocessed items of one request before their writes fail.</summary>
    public const int MaxAttempts = 10;

    private const string SeqIndex = "bySeq";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_encoder;

    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly ILogger<DynamoDbTelemetrySink> _logger;
    private readonly TimeProvider _time;
    private readonly bool _disposeClient;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DynamoDbTable _table;
    private readonly Task _writer;
    private long _written;

    /// <summary>Creates the sink; the table (with its seq index) is created on first use if missing.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="logger">Where write failures are logged.</param>
    /// <param name="tableName">The table.</param>
    /// <param name="time">The clock of the backoff between resends; the system clock if null.</param>
    /// <param name="disposeClient">Whether disposing the sink disposes <paramref name="client"/>.</param>
    public DynamoDbTelemetrySink(IAmazonDynamoDB client, ILogger<DynamoDbTelemetrySink> logger, string tableName = DefaultTableName, TimeProvider? time = null, bool disposeClient = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _client = client;
        _logger = logger;
        _tableName = tableName;
        _time = time ?? TimeProvider.System;
        _disposeClient = disposeClient;
        _table = new DynamoDbTable(() => client, tableName, createIfMissing: true, settingName: null, () => new CreateTableRequest
        {
            KeySchema = [new KeySchemaElement("v", KeyType.HASH), new KeySchemaElement("k", KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition("v", ScalarAttributeType.S),
                new AttributeDefinition("k", ScalarAttributeType.S),
                new AttributeDefinition("q", ScalarAttributeType.N),
            ],
            LocalSecondaryIndexes =
            [
                new LocalSecondaryIndex
                {
                    IndexName = SeqIndex,
                    KeySchema = [new KeySchemaElement("v", KeyType.HASH), new KeySchemaElement("q", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Sample writes acknowledged by DynamoDB so far (a redelivered sample counts again).</summary>
    public long WrittenSamples => Interlocked.Read(ref _written);

    /// <summary>Creates the table if it is missing and waits until it is active (also done on first use).</summary>
    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => _table.EnsureReadyAsync(cancellationToken);

    /// <inheritdoc />
    public Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        ArgumentNullException.ThrowIfNull(sample);
        var encoder = t_encoder ??= new ArrayBufferWriter<byte>(256);
        encoder.ResetWrittenCount();
        SignalsBlob.Write(sample.Signals, encoder);
        var pending = new PendingWrite(vehicle, SortKey(sample.Timestamp.ToUnixTimeMilliseconds(), sample.Seq), sample.Seq, encoder.WrittenSpan.ToArray(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var from = since.ToUnixTimeMilliseconds();
        var to = until.ToUnixTimeMilliseconds();
        var points = new List<TelemetryPoint>();
        if (to <= from)
        {
            return points;
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var name = Encoding.UTF8.GetBytes(signal);
        var request = new QueryRequest
        {
            TableName = _tableName,
            ConsistentRead = true,
            KeyConditionExpression = "v = :v AND k BETWEEN :from AND :to",
            ProjectionExpression = "k, s",
            ExpressionAttributeValues = new()
            {
                [":v"] = new AttributeValue(vehicle),
                [":from"] = new AttributeValue(SortKey(from, long.MinValue)),
                [":to"] = new AttributeValue(SortKey(to - 1, long.MaxValue)),
            },
        };
        do
        {
            var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                // Samples without the signal are skipped here, so the limit counts points, not samples.
                if (SignalsBlob.TryFind(item["s"].B.ToArray(), name, out var value))
                {
                    var (timestamp, seq) = ParseSortKey(item["k"].S);
                    points.Add(new TelemetryPoint(DateTimeOffset.FromUnixTimeMilliseconds(timestamp), seq, value));
                    if (points.Count == limit)
                    {
                        return points;
                    }
                }
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return points;
    }

    /// <inheritdoc />
    /// <remarks>Should a seq be stored twice with different times, the earlier is returned, as the SQLite sink keeps the first.</remarks>
    public async Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(vehicle);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var request = new QueryRequest
        {
            TableName = _tableName,
            IndexName = SeqIndex,
            ConsistentRead = true,
            KeyConditionExpression = "v = :v AND q > :q",
            ProjectionExpression = "k, s",
            ExpressionAttributeValues = new()
            {
                [":v"] = new AttributeValue(vehicle),
                [":q"] = new AttributeValue { N = afterSeq.ToString(CultureInfo.InvariantCulture) },
            },
        };
        var samples = new List<TelemetrySample>();
        do
        {
            var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                var (timestamp, seq) = ParseSortKey(item["k"].S);
                if (samples.Count > 0 && samples[^1].Seq == seq)
                {
                    if (timestamp >= samples[^1].Timestamp.ToUnixTimeMilliseconds())
                    {
                        continue;
                    }

                    samples.RemoveAt(samples.Count - 1);
                }

                samples.Add(new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(timestamp), seq, SignalsBlob.Read(item["s"].B.ToArray())));
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return samples;
    }

    /// <summary>Stops accepting writes, sends what is queued and ends the writer loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_disposeClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>
    /// The sort key of a sample: its time (Unix milliseconds) then its seq, each as 16 lowercase hex digits with the
    /// sign bit flipped, so the strings order as the (time, seq) pairs do, negative values included.
    /// </summary>
    internal static string SortKey(long timestamp, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{(ulong)timestamp ^ 0x8000_0000_0000_0000UL:x16}{(ulong)seq ^ 0x8000_0000_0000_0000UL:x16}");

    /// <summary>The (time, seq) pair of a sort key made by <see cref="SortKey"/>.</summary>
    internal static (long Timestamp, long Seq) ParseSortKey(string key)
    {
        if (key.Length != 32
            || !ulong.TryParse(key.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var time)
            || !ulong.TryParse(key.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seq))
        {
            throw new InvalidDataException($"Not a telemetry sort key: '{key}'.");
        }

        return ((long)(time ^ 0x8000_0000_0000_0000UL), (long)(seq ^ 0x8000_0000_0000_0000UL));
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(ItemsPerRequest * ParallelRequests);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < ItemsPerRequest * ParallelRequests && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // One request may not name a key twice: writes of the same sample share one item and its outcome.
            var distinct = batch.GroupBy(p => (p.Vehicle, p.SortKey)).Select(g => g.ToList()).ToList();
            await Task.WhenAll(distinct.Chunk(ItemsPerRequest).Select(SendAsync)).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(List<PendingWrite>[] items)
    {
        try
        {
            await EnsureTableAsync(CancellationToken.None).ConfigureAwait(false);
            var requests = items.Select(Put).ToList();
            var backoff = FirstBackoff;
            for (var attempt = 1; ; attempt++)
            {
                var response = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [_tableName] = requests } }, CancellationToken.None).ConfigureAwait(false);
                requests = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(_tableName, out var left) ? left : [];
                if (requests.Count == 0)
                {
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    throw new ProvisionedThroughputExceededException($"DynamoDB left {requests.Count} of {items.Length} telemetry items unprocessed after {MaxAttempts} attempts.");
                }

                LogUnprocessed(_logger, requests.Count, attempt, backoff);
                await Task.Delay(backoff, _time).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }

            foreach (var writes in items)
            {
                Interlocked.Add(ref _written, writes.Count);
                foreach (var pending in writes)
                {
                    pending.Completion.TrySetResult();
                }
            }
        }
#pragma warning disable CA1031 // every waiting writer must learn about the failure; the loop keeps serving
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWriteFailed(_logger, ex, items.Length);
            foreach (var pending in items.SelectMany(w => w))
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private static WriteRequest Put(List<PendingWrite> writes)
    {
        var first = writes[0];
        return new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
        {
            ["v"] = new(first.Vehicle),
            ["k"] = new(first.SortKey),
            ["q"] = new() { N = first.Seq.ToString(CultureInfo.InvariantCulture) },
            ["s"] = new() { B = new MemoryStream(first.Signals, writable: false) },
        }));
    }

    [LoggerMessage(EventId = 7111, Level = LogLevel.Error, Message = "Telemetry sink could not write {Count} samples to DynamoDB")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Debug, Message = "DynamoDB left {Count} telemetry items unprocessed (attempt {Attempt}); resending after {Backoff}")]
    private static partial void LogUnprocessed(ILogger logger, int count, int attempt, TimeSpan backoff);

    private sealed record PendingWrite(string Vehicle, string SortKey, long Seq, byte[] Signals, TaskCompletionSource Completion);
}
