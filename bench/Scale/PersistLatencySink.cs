using Twins.Grains.Telemetry;
using Twins.Grains.TelemetrySink;

namespace Twins.Bench.Scale;

/// <summary>
/// Wraps the silo's real sink: per sample committed while recording, the time from the vehicle's own
/// <c>timestamp</c> (stamped by the simulator just before it publishes, same machine clock) to the
/// moment the sink's write completed, in milliseconds.
/// </summary>
internal sealed class PersistLatencySink(ITelemetrySink inner, TimeProvider time) : ITelemetrySink
{
    private readonly List<double> _latenciesMs = [];
    private long _committed;
    private volatile bool _recording;

    public long Committed => Interlocked.Read(ref _committed);

    public async Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(vehicle, sample, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _committed);
        if (_recording)
        {
            var ms = (time.GetUtcNow() - sample.Timestamp).TotalMilliseconds;
            lock (_latenciesMs)
            {
                _latenciesMs.Add(ms);
            }
        }
    }

    public Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default) =>
        inner.ReadSinceAsync(vehicle, afterSeq, cancellationToken);

    public Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(vehicle, signal, since, until, limit, cancellationToken);

    public void StartRecording()
    {
        lock (_latenciesMs)
        {
            _latenciesMs.Clear();
        }

        _recording = true;
    }

    public List<double> StopRecording()
    {
        _recording = false;
        lock (_latenciesMs)
        {
            return [.. _latenciesMs];
        }
    }
}
