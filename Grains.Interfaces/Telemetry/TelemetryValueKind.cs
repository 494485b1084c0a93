namespace Twins.Grains.Telemetry;

/// <summary>The JSON kind of a signal value.</summary>
[GenerateSerializer]
[Alias("Twins.TelemetryValueKind")]
public enum TelemetryValueKind
{
    /// <summary>A number (binary signals always decode to numbers or booleans).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string.</summary>
    Text,
}
