namespace Twins.Grains.Telemetry;

/// <summary>How one signal is encoded in the binary form: physical value = raw × <see cref="Scale"/> + <see cref="Offset"/>.</summary>
public sealed record SignalDescriptor
{
    /// <summary>The id used in the payload.</summary>
    public required ushort Id { get; init; }

    /// <summary>The signal's name in the twin and the sink.</summary>
    public required string Name { get; init; }

    /// <summary>The raw encoding.</summary>
    public required SignalType Type { get; init; }

    /// <summary>Multiplier applied to the raw value.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Added after scaling.</summary>
    public double Offset { get; init; }

    /// <summary>The physical unit (for display), e.g. <c>km/h</c>.</summary>
    public string? Unit { get; init; }
}
