namespace Twins.Grains.Telemetry;

/// <summary>The last value of one signal and the sample it came from.</summary>
/// <param name="Value">The value.</param>
/// <param name="Timestamp">The sample's timestamp.</param>
/// <param name="Seq">The sample's sequence number.</param>
public sealed record SignalReading(TelemetryValue Value, DateTimeOffset Timestamp, long Seq);
