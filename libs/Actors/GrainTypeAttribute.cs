namespace Twins.Actors;

/// <summary>
/// On a grain interface: the grain type printed in its ids. Without it the type is the interface name
/// without the leading <c>I</c> and trailing <c>Grain</c>, lower-cased (<c>IVehicleGrain</c> → <c>vehicle</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type.</summary>
    public string GrainType { get; } = grainType;
}
