using System.Diagnostics;
using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;

namespace Twins.Bench.Vehicles;

/// <summary>Wraps the real sink and records, per committed sample, the time since its publisher stamped it (signal <c>t0</c>, Stopwatch ticks).</summary>
internal sealed class LatencyRecordingSink(ITelemetrySink inner) : ITelemetrySink
{
    private readonly List<double> _latenciesMs = [];
    private long _committed;

    public long Committed => Interlocked.Read(ref _committed);

    public async Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(vehicle, sample, cancellationToken).ConfigureAwait(false);
        var t0 = sample.Signals.FirstOrDefault(s => s.Name == "t0");
        if (t0.Name is not null)
        {
            var ms = Stopwatch.GetElapsedTime((long)t0.Value.Number).TotalMilliseconds;
            lock (_latenciesMs)
            {
                _latenciesMs.Add(ms);
            }
        }

        Interlocked.Increment(ref _committed);
    }

    public Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default) =>
        inner.ReadSinceAsync(vehicle, afterSeq, cancellationToken);

    public Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(vehicle, signal, since, until, limit, cancellationToken);

    public List<double> TakeLatencies()
    {
        lock (_latenciesMs)
        {
            var copy = _latenciesMs.ToList();
            _latenciesMs.Clear();
            return copy;
        }
    }
}
