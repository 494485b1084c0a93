using Twins.Grains.Telemetry;

namespace Twins.Grains.Tests.Telemetry;

public sealed class TelemetryTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TelemetrySample Sample(long seq, params (string Name, double Value)[] signals) =>
        new(T0.AddSeconds(seq), seq, [.. signals.Select(s => new TelemetrySignal(s.Name, TelemetryValue.FromNumber(s.Value)))]);

    [Fact]
    public void Apply_NewerSamples_KeepLastValuePerSignal()
    {
        var state = LastTelemetry.Empty;
        state = TelemetryTracker.Apply(state, Sample(1, ("speed", 10), ("soc", 80))).State;
        state = TelemetryTracker.Apply(state, Sample(2, ("speed", 20))).State;

        Assert.Equal(20, state.Signals["speed"].Value.Number);
        Assert.Equal(2, state.Signals["speed"].Seq);
        Assert.Equal(80, state.Signals["soc"].Value.Number);
        Assert.Equal(T0.AddSeconds(1), state.Signals["soc"].Timestamp);
        Assert.Equal(2, state.LastSeq);
    }

    [Fact]
    public void Rebuild_CheckpointAndLaterSamples_SameLastValuesAndDedupeAsLive()
    {
        var live = LastTelemetry.Empty;
        foreach (var sample in new[] { Sample(1, ("speed", 10), ("soc", 80)), Sample(2, ("speed", 20)), Sample(3, ("soc", 79)), Sample(4, ("speed", 40)) })
        {
            live = TelemetryTracker.Apply(live, sample).State;
        }

        var checkpoint = TelemetryTracker.Apply(LastTelemetry.Empty, Sample(1, ("speed", 10), ("soc", 80))).State;
        var rebuilt = TelemetryTracker.Rebuild(checkpoint, [Sample(4, ("speed", 40)), Sample(2, ("speed", 20)), Sample(3, ("soc", 79))]);

        Assert.Equal(live.LastSeq, rebuilt.LastSeq);
        Assert.Equal(live.Signals.OrderBy(s => s.Key), rebuilt.Signals.OrderBy(s => s.Key));
        Assert.Equal(TelemetrySampleOutcome.Duplicate, TelemetryTracker.Apply(rebuilt, Sample(4, ("speed", 1))).Outcome);
    }

    [Fact]
    public void Apply_SameSeqAgain_IsDuplicateAndChangesNothing()
    {
        var state = TelemetryTracker.Apply(LastTelemetry.Empty, Sample(5, ("speed", 10))).State;

        var (after, outcome) = TelemetryTracker.Apply(state, Sample(5, ("speed", 99)));

        Assert.Equal(TelemetrySampleOutcome.Duplicate, outcome);
        Assert.Same(state, after);
    }

    [Fact]
    public void Apply_OlderSeq_IsStaleAndDoesNotOverwriteNewerValues()
    {
        var state = TelemetryTracker.Apply(LastTelemetry.Empty, Sample(5, ("speed", 50))).State;

        var (after, outcome) = TelemetryTracker.Apply(state, Sample(4, ("speed", 40)));

        Assert.Equal(TelemetrySampleOutcome.Stale, outcome);
        Assert.Equal(50, after.Signals["speed"].Value.Number);
    }

    [Fact]
    public void LastTelemetry_RoundTripsThroughJson()
    {
        var state = TelemetryTracker.Apply(LastTelemetry.Empty, new TelemetrySample(T0, 3, [new("gear", TelemetryValue.FromString("D")), new("on", TelemetryValue.FromBoolean(true))])).State;

        var restored = System.Text.Json.JsonSerializer.Deserialize<LastTelemetry>(System.Text.Json.JsonSerializer.Serialize(state))!;

        Assert.Equal("D", restored.Signals["gear"].Value.Text);
        Assert.True(restored.Signals["on"].Value.Boolean);
        Assert.Equal(3, restored.LastSeq);
    }
}
