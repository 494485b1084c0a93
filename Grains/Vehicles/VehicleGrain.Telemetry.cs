using Twins.Grains.Telemetry;

namespace Twins.Grains.Vehicles;

/// <summary>The telemetry path of the vehicle twin: seq dedupe, last values and the sink.</summary>
internal sealed partial class VehicleGrain
{
    /// <summary>
    /// Last values are checkpointed every this many accepted samples. Each sample is durable in the sink before its ack,
    /// so activation rebuilds the last values from the checkpoint plus the sink's later samples (no acked sample lost).
    /// </summary>
    internal const int TelemetryCheckpointInterval = 64;

    private int _samplesSinceCheckpoint;

    private LastTelemetry Telemetry => _telemetry.State ?? LastTelemetry.Empty;

    public async Task<TelemetrySampleOutcome> RecordTelemetryAsync(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await MarkSeenAsync();
        var (next, outcome) = TelemetryTracker.Apply(Telemetry, sample);
        if (outcome == TelemetrySampleOutcome.Stale)
        {
            // Older than the last value (workers sharing a subscription can reorder a vehicle's samples):
            // not a last value, but still a sample; the sink ignores it if it already holds it.
            await _services.Sink.WriteAsync(ThingName, sample);
            return outcome;
        }

        if (outcome != TelemetrySampleOutcome.Accepted)
        {
            return outcome;
        }

        // The sink row is the sample's durable record (written before the ack); the last values are only
        // checkpointed every TelemetryCheckpointInterval samples and rebuilt from the sink on activation.
        await _services.Sink.WriteAsync(ThingName, sample);
        _telemetry.State = next;
        if (++_samplesSinceCheckpoint >= TelemetryCheckpointInterval)
        {
            await _telemetry.WriteStateAsync();
            _samplesSinceCheckpoint = 0;
        }

        return outcome;
    }

    public Task<LastTelemetry> GetTelemetryAsync() => Task.FromResult(Telemetry);

    /// <summary>
    /// The checkpoint may lag the sink by up to <see cref="TelemetryCheckpointInterval"/> samples: replays those, so the
    /// last values and the seq dedupe are what they were before the restart.
    /// </summary>
    private async Task RestoreTelemetryAsync(CancellationToken cancellationToken)
    {
        var checkpoint = Telemetry;
        var after = await _services.Sink.ReadSinceAsync(ThingName, checkpoint.LastSeq ?? -1, cancellationToken);
        if (after.Count > 0)
        {
            _telemetry.State = TelemetryTracker.Rebuild(checkpoint, after);
        }

        _samplesSinceCheckpoint = after.Count;
    }
}
