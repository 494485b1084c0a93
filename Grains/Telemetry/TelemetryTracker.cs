namespace Twins.Grains.Telemetry;

/// <summary>
/// Keeps the last value of each signal. <c>seq</c> increases per vehicle, so a sample whose
/// <c>seq</c> is not above the last applied one is a duplicate or a stale reorder and is dropped
/// (redeliveries by the broker change nothing).
/// </summary>
public static class TelemetryTracker
{
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
