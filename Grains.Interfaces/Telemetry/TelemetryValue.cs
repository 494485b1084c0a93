using System.Globalization;

namespace Twins.Grains.Telemetry;

/// <summary>One signal value: a number, a boolean or a string.</summary>
/// <param name="Kind">Which of the three.</param>
/// <param name="Number">The number (Number kind).</param>
/// <param name="Boolean">The boolean (Boolean kind).</param>
/// <param name="Text">The string (Text kind).</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.TelemetryValue")]
public readonly record struct TelemetryValue([Id(0)] TelemetryValueKind Kind, [Id(1)] double Number, [Id(2)] bool Boolean, [Id(3)] string? Text)
{
    /// <summary>A numeric value.</summary>
    public static TelemetryValue FromNumber(double value) => new(TelemetryValueKind.Number, value, false, null);

    /// <summary>A boolean value.</summary>
    public static TelemetryValue FromBoolean(bool value) => new(TelemetryValueKind.Boolean, 0, value, null);

    /// <summary>A string value.</summary>
    public static TelemetryValue FromString(string value) => new(TelemetryValueKind.Text, 0, false, value);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TelemetryValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        TelemetryValueKind.Boolean => Boolean ? "true" : "false",
        _ => Text ?? "",
    };
}
