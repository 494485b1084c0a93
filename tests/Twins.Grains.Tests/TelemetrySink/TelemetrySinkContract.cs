using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;

namespace Twins.Grains.Tests.TelemetrySink;

/// <summary>What every <see cref="ITelemetrySink"/> must do; run on each implementation by a derived class.</summary>
public abstract class TelemetrySinkContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sink with nothing stored.</summary>
    protected abstract Task<TestSink> NewSinkAsync();

    protected static TelemetrySample Sample(long seq, double speed, string gear = "D") =>
        new(T0.AddSeconds(seq), seq, [new TelemetrySignal("speed", TelemetryValue.FromNumber(speed)), new TelemetrySignal("gear", TelemetryValue.FromString(gear)), new TelemetrySignal("locked", TelemetryValue.FromBoolean(seq % 2 == 0))]);

    [Fact]
    public async Task QueryAsync_RangeOfOneSignal_ReturnsItsPointsOldestFirstWithinTheHalfOpenRange()
    {
        await using var sink = await NewSinkAsync();
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => sink.WriteAsync("car-1", Sample(i, i * 10))));
        await sink.WriteAsync("car-2", Sample(5, 999));

        var points = await sink.QueryAsync("car-1", "speed", T0.AddSeconds(3), T0.AddSeconds(6));

        Assert.Equal([30.0, 40.0, 50.0], points.Select(p => p.Value.Number));
        Assert.Equal([3L, 4L, 5L], points.Select(p => p.Seq));
        Assert.Equal(T0.AddSeconds(3), points[0].Timestamp);
    }

    [Fact]
    public async Task QueryAsync_TextAndBooleanSignals_ComeBackWithTheirKinds()
    {
        await using var sink = await NewSinkAsync();
        await sink.WriteAsync("car-1", Sample(2, 1, "R"));

        var gear = Assert.Single(await sink.QueryAsync("car-1", "gear", T0, T0.AddMinutes(1)));
        var locked = Assert.Single(await sink.QueryAsync("car-1", "locked", T0, T0.AddMinutes(1)));

        Assert.Equal(TelemetryValue.FromString("R"), gear.Value);
        Assert.Equal(TelemetryValue.FromBoolean(true), locked.Value);
    }

    [Fact]
    public async Task ReadSinceAsync_AfterASeq_ReturnsThatVehiclesLaterSamplesWholeInSeqOrder()
    {
        await using var sink = await NewSinkAsync();
        await Task.WhenAll(new long[] { 4, 1, 3, 2, 5 }.Select(i => sink.WriteAsync("car-1", Sample(i, i * 10, i == 4 ? "R" : "D"))));
        await sink.WriteAsync("car-2", Sample(4, 999));

        var samples = await sink.ReadSinceAsync("car-1", afterSeq: 2);

        Assert.Equal([3L, 4L, 5L], samples.Select(s => s.Seq));
        var fourth = samples[1];
        Assert.Equal(T0.AddSeconds(4), fourth.Timestamp);
        Assert.Equal(Sample(4, 40, "R").Signals.OrderBy(s => s.Name), fourth.Signals.OrderBy(s => s.Name));
        Assert.Empty(await sink.ReadSinceAsync("car-3", afterSeq: -1));
    }

    [Fact]
    public async Task WriteAsync_SameSampleTwice_StoredOnce()
    {
        await using var sink = await NewSinkAsync();
        await sink.WriteAsync("car-1", Sample(1, 10));
        await sink.WriteAsync("car-1", Sample(1, 10));

        Assert.Single(await sink.QueryAsync("car-1", "speed", T0, T0.AddMinutes(1)));
        Assert.Single(await sink.ReadSinceAsync("car-1", afterSeq: 0));
    }

    [Fact]
    public async Task QueryAsync_Limit_ReturnsTheOldestPointsUpToIt()
    {
        await using var sink = await NewSinkAsync();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => sink.WriteAsync("car-1", Sample(i, i))));

        var points = await sink.QueryAsync("car-1", "speed", T0, T0.AddMinutes(1), limit: 5);

        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], points.Select(p => p.Value.Number));
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentSamplesAcrossMultiRowInserts_EveryOneStoredOnceAndQueryable()
    {
        await using var sink = await NewSinkAsync();
        // 150 queued at once: two full multi-row inserts and a remainder in one transaction; a few written twice.
        var writes = Enumerable.Range(1, 150).Select(i => sink.WriteAsync($"car-{i % 3}", Sample(i, i)))
            .Concat(Enumerable.Range(1, 10).Select(i => sink.WriteAsync($"car-{i % 3}", Sample(i, i))));
        await Task.WhenAll(writes);

        var all = new List<long>();
        for (var car = 0; car < 3; car++)
        {
            var samples = await sink.ReadSinceAsync($"car-{car}", afterSeq: -1);
            Assert.All(samples, s => Assert.Equal(car, s.Seq % 3));
            all.AddRange(samples.Select(s => s.Seq));
        }

        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), all.Order());
        var speeds = await sink.QueryAsync("car-1", "speed", T0, T0.AddHours(1));
        Assert.Equal(Enumerable.Range(1, 150).Where(i => i % 3 == 1).Select(i => (double)i), speeds.Select(p => p.Value.Number));
    }

    [Fact]
    public async Task QueryAsync_UnusualNamesAndValues_ComeBackExactly()
    {
        await using var sink = await NewSinkAsync();
        var signals = new TelemetrySignal[]
        {
            new("température.ext", TelemetryValue.FromNumber(-0.1)),
            new("raw", TelemetryValue.FromNumber(double.NaN)),
            new("tiny", TelemetryValue.FromNumber(double.Epsilon)),
            new("note", TelemetryValue.FromString(new string('é', 300) + "\"quoted\"")),
            new("empty", TelemetryValue.FromString("")),
        };
        await sink.WriteAsync("car-ü", new TelemetrySample(T0, 1, signals));

        foreach (var signal in signals)
        {
            var point = Assert.Single(await sink.QueryAsync("car-ü", signal.Name, T0, T0.AddSeconds(1)));
            Assert.Equal(signal.Value, point.Value);
        }

        Assert.Empty(await sink.QueryAsync("car-ü", "température", T0, T0.AddSeconds(1)));
        Assert.Equal(signals, Assert.Single(await sink.ReadSinceAsync("car-ü", afterSeq: 0)).Signals);
    }

    [Fact]
    public async Task QueryAsync_EmptyOrInvertedRange_ReturnsNothing()
    {
        await using var sink = await NewSinkAsync();
        await sink.WriteAsync("car-1", Sample(1, 10));

        Assert.Empty(await sink.QueryAsync("car-1", "speed", T0.AddSeconds(1), T0.AddSeconds(1)));
        Assert.Empty(await sink.QueryAsync("car-1", "speed", T0.AddSeconds(2), T0));
        Assert.Single(await sink.QueryAsync("car-1", "speed", T0.AddSeconds(1), T0.AddSeconds(1).AddMilliseconds(1)));
    }

    /// <summary>A sink under test with whatever it owns disposed after it.</summary>
    protected sealed class TestSink(ITelemetrySink sink, Func<ValueTask> dispose) : ITelemetrySink, IAsyncDisposable
    {
        public Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default) => sink.WriteAsync(vehicle, sample, cancellationToken);

        public Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default) => sink.ReadSinceAsync(vehicle, afterSeq, cancellationToken);

        public Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default) =>
            sink.QueryAsync(vehicle, signal, since, until, limit, cancellationToken);

        public ValueTask DisposeAsync() => dispose();
    }
}
