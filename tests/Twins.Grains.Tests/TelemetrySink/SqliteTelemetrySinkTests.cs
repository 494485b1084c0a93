using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;

namespace Twins.Grains.Tests.TelemetrySink;

public sealed class SqliteTelemetrySinkTests : TelemetrySinkContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-sink-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteTelemetrySink NewSink(int mergeThreshold = SqliteTelemetrySinkOptions.DefaultMergeThreshold, int shards = 1) =>
        new(new SqliteTelemetrySinkOptions { DataSource = Path.Combine(_folder, "telemetry.db"), MergeThreshold = mergeThreshold, Shards = shards }, NullLogger<SqliteTelemetrySink>.Instance);

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "telemetry.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    protected override Task<TestSink> NewSinkAsync()
    {
        var sink = NewSink();
        return Task.FromResult(new TestSink(sink, sink.DisposeAsync));
    }

    [Fact]
    public async Task WriteAsync_SameSampleTwice_CountsBothWrites()
    {
        await using var sink = NewSink();
        await sink.WriteAsync("car-1", Sample(1, 10));
        await sink.WriteAsync("car-1", Sample(1, 10));

        Assert.Equal(2, sink.WrittenSamples);
    }

    [Fact]
    public async Task WriteAsync_ThreeShards_EachVehicleReadBackWholeAndTheFilesNamedByShardCount()
    {
        var path = Path.Combine(_folder, "sharded.db");
        var sink = new SqliteTelemetrySink(new SqliteTelemetrySinkOptions { DataSource = path, Shards = 3 }, NullLogger<SqliteTelemetrySink>.Instance);
        await using (sink)
        {
            var vehicles = Enumerable.Range(0, 30).Select(i => $"Vehicle_{i:D3}").ToList();
            await Task.WhenAll(vehicles.SelectMany(v => Enumerable.Range(1, 5).Select(seq => sink.WriteAsync(v, Sample(seq, seq)))));

            foreach (var vehicle in vehicles)
            {
                Assert.Equal([1L, 2L, 3L, 4L, 5L], (await sink.ReadSinceAsync(vehicle, afterSeq: 0)).Select(s => s.Seq));
            }
        }

        Assert.Equal(["sharded.0-of-3.db", "sharded.1-of-3.db", "sharded.2-of-3.db"], Directory.GetFiles(_folder, "sharded*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSinceAsync_SamplesOnBothSidesOfAMerge_EachReturnedOnceWithTheFirstStoredCopy()
    {
        await using var sink = NewSink(mergeThreshold: 4);
        for (var seq = 1; seq <= 10; seq++)
        {
            await sink.WriteAsync("car-1", Sample(seq, seq * 10));
        }

        // A different copy of seq 2 (merged) and of seq 10 (still recent): the first stored one stays.
        await sink.WriteAsync("car-1", Sample(2, 999));
        await sink.WriteAsync("car-1", Sample(10, 999));

        var samples = await sink.ReadSinceAsync("car-1", afterSeq: 0);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), samples.Select(s => s.Seq));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 10.0), samples.Select(s => s.Signals.Single(x => x.Name == "speed").Value.Number));
        Assert.Equal(Enumerable.Range(3, 8).Select(i => i * 10.0), (await sink.QueryAsync("car-1", "speed", T0.AddSeconds(3), T0.AddHours(1))).Select(p => p.Value.Number));
    }

    [Fact]
    public async Task QueryAsync_RecentCopyOfAStoredSeqWithAnotherTime_NotReturned()
    {
        var first = NewSink(mergeThreshold: 1);
        await using (first)
        {
            await first.WriteAsync("car-1", Sample(1, 10));
        }

        await using var later = NewSink(mergeThreshold: 1000);

        await later.WriteAsync("car-1", new TelemetrySample(T0.AddHours(1), 1, [new TelemetrySignal("speed", TelemetryValue.FromNumber(999))]));

        Assert.Empty(await later.QueryAsync("car-1", "speed", T0.AddMinutes(30), T0.AddHours(2)));
        Assert.Equal(10.0, Assert.Single(await later.QueryAsync("car-1", "speed", T0, T0.AddHours(2))).Value.Number);
    }

    [Fact]
    public async Task ReadSinceAsync_RecentSamplesLeftByACrash_MergedBeforeTheFirstRead()
    {
        var sink = NewSink();
        await using (sink)
        {
            await sink.WriteAsync("car-1", Sample(1, 10));
        }

        // What a crash between two merges leaves: samples only in the append-only table.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "telemetry.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO telemetry_recent (vehicle, seq, ts, signals) SELECT vehicle, seq + 1, ts + 1000, signals FROM telemetry_sample";
            command.ExecuteNonQuery();
        }

        await using var restarted = NewSink();

        Assert.Equal([1L, 2L], (await restarted.ReadSinceAsync("car-1", afterSeq: 0)).Select(s => s.Seq));
        Assert.Equal(0, Count("telemetry_recent"));
        Assert.Equal(2, Count("telemetry_sample"));
    }

    [Fact]
    public async Task DisposeAsync_RecentSamples_MergedIntoTheVehicleTable()
    {
        var sink = NewSink();
        await using (sink)
        {
            await Task.WhenAll(Enumerable.Range(1, 3).Select(i => sink.WriteAsync("car-1", Sample(i, i))));
            Assert.Equal(3, Count("telemetry_recent"));
        }

        Assert.Equal(0, Count("telemetry_recent"));
        Assert.Equal(3, Count("telemetry_sample"));
    }

    [Fact]
    public async Task WriteAsync_MergeInStepsWhileWritesGoOn_EverySampleReadOnceAndNoneLeftRecent()
    {
        var sink = NewSink(mergeThreshold: 3000);
        await using (sink)
        {
            // Writers keep appending while the first merge (more than one step) runs between their commits.
            for (var round = 0; round < 10; round++)
            {
                await Task.WhenAll(Enumerable.Range(round * 700, 700).Select(i => sink.WriteAsync($"car-{i % 7}", Sample(i + 1, i))));
                var car3 = await sink.ReadSinceAsync("car-3", afterSeq: 0);
                Assert.Equal(Enumerable.Range(0, (round + 1) * 700).Where(i => i % 7 == 3).Select(i => (long)i + 1), car3.Select(s => s.Seq));
            }
        }

        Assert.Equal(0, Count("telemetry_recent"));
        Assert.Equal(7000, Count("telemetry_sample"));
    }
}
