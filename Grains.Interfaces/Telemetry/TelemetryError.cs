namespace Twins.Grains.Telemetry;

/// <summary>A refused telemetry payload.</summary>
/// <param name="Code">The counted category.</param>
/// <param name="Message">What exactly is wrong, for the log.</param>
public sealed record TelemetryError(TelemetryErrorCode Code, string Message);
