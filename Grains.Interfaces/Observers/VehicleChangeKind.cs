namespace Twins.Grains.Observers;

/// <summary>What changed in a vehicle.</summary>
[GenerateSerializer]
[Alias("Twins.VehicleChangeKind")]
public enum VehicleChangeKind
{
    /// <summary>A shadow (desired, reported or its deletion).</summary>
    Shadow,

    /// <summary>The connection status.</summary>
    Connection,

    /// <summary>A command execution.</summary>
    Command,

    /// <summary>The critical message.</summary>
    CriticalMessage,
}
