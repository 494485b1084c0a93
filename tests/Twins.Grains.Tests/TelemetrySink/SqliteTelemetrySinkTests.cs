using Microsoft.Extensions.Logging.Abstractions;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;

namespace Twins.Grains.Tests.TelemetrySink;

public sealed class SqliteTelemetrySinkTests : TelemetrySinkContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twins-sink-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteTelemetrySink NewSink() =>
        new(new SqliteTelemetrySinkOptions { DataSource = Path.Combine(_folder, "telemetry.db") }, NullLogger<SqliteTelemetrySink>.Instance);

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
}
