namespace Twins.Grains.Telemetry;

/// <summary>Descriptors loaded from configuration (section <c>Telemetry:Descriptors</c>).</summary>
public sealed class TelemetryDescriptorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Every configured descriptor version.</summary>
    public IList<TelemetryDescriptor> Descriptors { get; init; } = [];
}
