using System.Collections.Immutable;

namespace Twins.Grains.Telemetry;

/// <summary>A vehicle's last value of each signal, as its grain persists it.</summary>
/// <param name="LastSeq">The highest <c>seq</c> applied, or <c>null</c> before the first sample.</param>
/// <param name="LastTimestamp">The timestamp of that sample.</param>
/// <param name="Signals">The last reading of every signal ever reported.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.LastTelemetry")]
public sealed record LastTelemetry([Id(0)] long? LastSeq, [Id(1)] DateTimeOffset? LastTimestamp, [Id(2)] ImmutableDictionary<string, SignalReading> Signals)
{
    /// <summary>A vehicle that never sent telemetry.</summary>
    public static LastTelemetry Empty { get; } = new(null, null, ImmutableDictionary<string, SignalReading>.Empty.WithComparers(StringComparer.Ordinal));
}
