namespace Twins.Actors;

/// <summary>On a grain interface method: calls to it interleave with any other turn.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
