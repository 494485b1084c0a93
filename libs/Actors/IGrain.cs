namespace Twins.Actors;

/// <summary>Marker for grain interfaces. Grain methods return <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
public interface IGrain : IAddressable
{
}
