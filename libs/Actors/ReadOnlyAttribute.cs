namespace Twins.Actors;

/// <summary>On a grain interface method: it does not change state, so calls to read-only methods may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
}
