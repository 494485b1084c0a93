using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Grains.Vehicles;

/// <summary>The last critical message sent to a vehicle.</summary>
/// <param name="Message">The message, or <c>null</c> when none was sent or it was cleared.</param>
public sealed record CriticalState(CriticalMessage? Message)
{
    /// <summary>No critical message.</summary>
    public static CriticalState Empty { get; } = new((CriticalMessage?)null);
}
