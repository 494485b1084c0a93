namespace Twins.Grains.Telemetry;

/// <summary>
/// Keeps the last value of each signal. <c>seq</c> increases per vehicle, so a sample whose
/// <c>seq</c> is not above the last applied one is a duplicate or a stale reorder and is dropped
/// (redeliveries by the broker change nothing).
/// </summary>
public static class TelemetryTracker
{
    /// <summary>
    /// Last values after <paramref name="checkpoint"/> plus the stored samples that followed it (the sink's rows with a
    /// higher seq), applied in seq order: the same last values and the same LastSeq, so the seq dedupe holds across a restart.
    /// </summary>
    public static LastTelemetry Rebuild(LastTelemetry checkpoint, IEnumerable<TelemetrySample> samplesAfter)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(samplesAfter);
        var state = checkpoint;
        foreach (var sample in samplesAfter.OrderBy(s => s.Seq))
        {
            state = Apply(state, sample).State;
        }

        return state;
    }

    /// <summary>Applies a sample if it is newer than the last one.</summary>
    public static (LastTelemetry State, TelemetrySampleOutcome Outcome) Apply(LastTelemetry state, TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sample);
        if (state.LastSeq is { } last && sample.Seq <= last)
        {
            return (state, sample.Seq == last ? TelemetrySampleOutcome.Duplicate : TelemetrySampleOutcome.Stale);
        }

        var builder = state.Signals.ToBuilder();
        foreach (var signal in sample.Signals)
        {
            builder[signal.Name] = new SignalReading(signal.Value, sample.Timestamp, sample.Seq);
        }

        return (new LastTelemetry(sample.Seq, sample.Timestamp, builder.ToImmutable()), TelemetrySampleOutcome.Accepted);
    }
}
