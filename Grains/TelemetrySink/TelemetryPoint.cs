using Twins.Grains.Telemetry;

namespace Twins.Grains.TelemetrySink;

/// <summary>One stored value of one signal.</summary>
/// <param name="Timestamp">When the vehicle took the sample.</param>
/// <param name="Seq">The sample's sequence number.</param>
/// <param name="Value">The value.</param>
public sealed record TelemetryPoint(DateTimeOffset Timestamp, long Seq, TelemetryValue Value);
