namespace Twins.Grains.Telemetry;

/// <summary>A named signal value in a sample.</summary>
/// <param name="Name">The signal's name.</param>
/// <param name="Value">Its value.</param>
public readonly record struct TelemetrySignal(string Name, TelemetryValue Value);
