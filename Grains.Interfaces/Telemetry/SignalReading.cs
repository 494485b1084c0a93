namespace Twins.Grains.Telemetry;

/// <summary>The last value of one signal and the sample it came from.</summary>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">The sample's timestamp.</param>
/// <param name="Seq">The sample's sequence number.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.SignalReading")]
public sealed record SignalReading([Id(0)] TelemetryValue Value, [Id(1)] DateTimeOffset Timestamp, [Id(2)] long Seq);
