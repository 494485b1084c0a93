using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;
using Twins.Testing;

namespace Twins.Grains.Tests.TelemetrySink;

/// <summary>The DynamoDB telemetry sink against a real dynalite: the shared contract, then what clustering adds.</summary>
public sealed class DynamoDbTelemetrySinkTests(DynaliteFixture dynalite) : TelemetrySinkContract, IClassFixture<DynaliteFixture>
{
    private static int s_tables;

    protected override Task<TestSink> NewSinkAsync()
    {
        var client = dynalite.Server.CreateClient();
        var sink = new DynamoDbTelemetrySink(client, NullLogger<DynamoDbTelemetrySink>.Instance, NewTableName());
        return Task.FromResult(new TestSink(sink, async () =>
        {
            await sink.DisposeAsync();
            client.Dispose();
        }));
    }

    [Fact]
    public async Task ReadSinceAsync_SamplesWrittenThroughAnotherSilosSink_ReturnsTheWholeHistory()
    {
        var table = NewTableName();
        using var clientA = dynalite.Server.CreateClient();
        using var clientB = dynalite.Server.CreateClient();
        await using var siloA = new DynamoDbTelemetrySink(clientA, NullLogger<DynamoDbTelemetrySink>.Instance, table);
        await using var siloB = new DynamoDbTelemetrySink(clientB, NullLogger<DynamoDbTelemetrySink>.Instance, table);

        // The vehicle's grain ran on silo A, then moved to silo B.
        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => siloA.WriteAsync("car-moved", Sample(i, i))));
        await Task.WhenAll(Enumerable.Range(41, 10).Select(i => siloB.WriteAsync("car-moved", Sample(i, i))));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), (await siloA.ReadSinceAsync("car-moved", afterSeq: 0)).Select(s => s.Seq));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (double)i), (await siloB.QueryAsync("car-moved", "speed", T0, T0.AddHours(1))).Select(p => p.Value.Number));
        Assert.Equal(50, siloA.WrittenSamples + siloB.WrittenSamples);
    }

    [Fact]
    public async Task WriteAsync_RedeliveredWhileFirstIsQueued_BothCompleteAndOneItemStored()
    {
        await using var sink = await NewSinkAsync();

        // All in one batch: a request naming one key twice would be refused, so the copies must share one item.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => sink.WriteAsync("car-dup", Sample(7, 70))));

        var sample = Assert.Single(await sink.ReadSinceAsync("car-dup", afterSeq: 0));
        Assert.Equal(7, sample.Seq);
        Assert.Equal(70.0, Assert.Single(await sink.QueryAsync("car-dup", "speed", T0, T0.AddHours(1))).Value.Number);
    }

    [Fact]
    public async Task QueryAsync_SamplesAroundTheEpochAndExtremeSeqs_OrderedByTimeThenSeq()
    {
        await using var sink = await NewSinkAsync();
        var epoch = DateTimeOffset.UnixEpoch;
        var stamps = new (DateTimeOffset Time, long Seq)[]
        {
            (epoch.AddMilliseconds(-1), 5), (epoch, long.MinValue + 1), (epoch, -1), (epoch, 0), (epoch, long.MaxValue), (epoch.AddDays(20000), 3),
        };
        await Task.WhenAll(stamps.Select(s => sink.WriteAsync("car-epoch", new(s.Time, s.Seq, [new("x", TelemetryValue.FromNumber(s.Seq))]))));

        var points = await sink.QueryAsync("car-epoch", "x", epoch.AddDays(-1), epoch.AddDays(20001));

        Assert.Equal(stamps.Select(s => (s.Time, s.Seq)), points.Select(p => (p.Timestamp, p.Seq)));
        Assert.Equal([long.MinValue + 1, -1L, 0L, long.MaxValue], (await sink.QueryAsync("car-epoch", "x", epoch, epoch.AddMilliseconds(1))).Select(p => p.Seq));
    }

    [Fact]
    public async Task WriteAsync_BatchPartlyUnprocessed_ResendsTheRestAfterBackoffUntilAllStored()
    {
        using var client = new ThrottlingDynamoDbClient(dynalite.Server.ServiceUrl) { ThrottledRequests = 3 };
        var time = new ManualTimeProvider();
        await using var sink = new DynamoDbTelemetrySink(client, NullLogger<DynamoDbTelemetrySink>.Instance, NewTableName(), time);

        var writes = Task.WhenAll(Enumerable.Range(1, 6).Select(i => sink.WriteAsync("car-throttled", Sample(i, i))));
        await AdvanceUntilDoneAsync(writes, time);

        await writes;
        Assert.Equal(3, client.Throttled);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), (await sink.ReadSinceAsync("car-throttled", afterSeq: 0)).Select(s => s.Seq));
    }

    [Fact]
    public async Task WriteAsync_ItemsLeftUnprocessedEveryAttempt_FailsThoseWritesAndKeepsServing()
    {
        using var client = new ThrottlingDynamoDbClient(dynalite.Server.ServiceUrl) { ThrottledRequests = int.MaxValue };
        var time = new ManualTimeProvider();
        await using var sink = new DynamoDbTelemetrySink(client, NullLogger<DynamoDbTelemetrySink>.Instance, NewTableName(), time);

        var write = sink.WriteAsync("car-refused", Sample(1, 1));
        await AdvanceUntilDoneAsync(write.ContinueWith(_ => { }, TaskScheduler.Default), time);

        Assert.Equal(DynamoDbTelemetrySink.MaxAttempts, client.Throttled);
        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException>(() => write);
        client.ThrottledRequests = 0;
        await sink.WriteAsync("car-refused", Sample(9, 9));
        Assert.Equal([9L], (await sink.ReadSinceAsync("car-refused", afterSeq: 0)).Select(s => s.Seq));
    }

    [Fact]
    public void SortKey_RoundTripsAndOrdersAsTimeThenSeq()
    {
        var pairs = new (long Time, long Seq)[] { (long.MinValue, 0), (-1, long.MaxValue), (0, long.MinValue), (0, -1), (0, 0), (0, 1), (1, long.MinValue), (long.MaxValue, long.MaxValue) };

        var keys = pairs.Select(p => DynamoDbTelemetrySink.SortKey(p.Time, p.Seq)).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
        Assert.Equal(pairs, keys.Select(DynamoDbTelemetrySink.ParseSortKey));
        Assert.Throws<InvalidDataException>(() => DynamoDbTelemetrySink.ParseSortKey("not-a-key"));
    }

    /// <summary>Moves the manual clock past each backoff the sink waits on until <paramref name="done"/> completes.</summary>
    private static async Task AdvanceUntilDoneAsync(Task done, ManualTimeProvider time)
    {
        while (!done.IsCompleted)
        {
            await Poll.UntilAsync(() => Task.FromResult(done.IsCompleted || time.PendingTimerCount > 0), "the writes to complete or the sink to wait on a backoff");
            if (time.PendingTimerCount > 0)
            {
                time.Advance(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static string NewTableName() => "Telemetry" + Interlocked.Increment(ref s_tables).ToString(CultureInfo.InvariantCulture);
}
