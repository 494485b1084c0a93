namespace Twins.Grains.Telemetry;

/// <summary>One telemetry message, decoded from JSON or the binary form.</summary>
/// <param name="Timestamp">When the vehicle took the sample.</param>
/// <param name="Seq">The vehicle's increasing sequence number.</param>
/// <param name="Signals">The signal values, in payload order.</param>
public sealed record TelemetrySample(DateTimeOffset Timestamp, long Seq, IReadOnlyList<TelemetrySignal> Signals);
