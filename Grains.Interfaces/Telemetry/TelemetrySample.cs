namespace Twins.Grains.Telemetry;

/// <summary>One telemetry message, decoded from JSON or the binary form.</summary>
/// <param name="Timestamp">When the vehicle took the sample.</param>
/// <param name="Seq">The vehicle's increasing sequence number.</param>
/// <param name="Signals">The signal values, in payload order.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.TelemetrySample")]
public sealed record TelemetrySample([Id(0)] DateTimeOffset Timestamp, [Id(1)] long Seq, [Id(2)] IReadOnlyList<TelemetrySignal> Signals);
