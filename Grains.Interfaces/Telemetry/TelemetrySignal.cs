namespace Twins.Grains.Telemetry;

/// <summary>A named signal value in a sample.</summary>
/// <param name="Name">The signal's name.</param>
/// <param name="Value">Its value.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.TelemetrySignal")]
public readonly record struct TelemetrySignal([Id(0)] string Name, [Id(1)] TelemetryValue Value);
