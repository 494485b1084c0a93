namespace Twins.Grains.Telemetry;

/// <summary>One version of the binary telemetry layout: which signal ids exist and how each is encoded.</summary>
public sealed record TelemetryDescriptor
{
    /// <summary>The version a binary payload names in its header (1-65535).</summary>
    public required int Version { get; init; }

    /// <summary>The signals of this version.</summary>
    public required IReadOnlyList<SignalDescriptor> Signals { get; init; }
}
