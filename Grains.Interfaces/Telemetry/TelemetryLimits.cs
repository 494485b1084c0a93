namespace Twins.Grains.Telemetry;

/// <summary>Bounds on one telemetry payload, so a bad vehicle cannot blow up a grain.</summary>
public static class TelemetryLimits
{
    /// <summary>Most signals in one sample.</summary>
    public const int MaxSignals = 1024;

    /// <summary>Longest signal name, in characters.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest string value, in characters.</summary>
    public const int MaxStringLength = 1024;
}
