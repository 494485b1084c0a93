namespace Twins.Actors;

/// <summary>
/// On a grain or observer interface method returning <see cref="Task"/> or <see cref="ValueTask"/>: the
/// call is one-way, as Orleans' <c>[OneWay]</c>. The receiver sends no response and the caller's task
/// completes as soon as the request has been handed to its destination (queued on the connection to the
/// hosting silo or client, or on the local activation), without waiting for the method to run. The task
/// still fails when the request cannot be delivered at all (the observer was deleted, or the silo or client
/// hosting it left the cluster or is unreachable), so an <see cref="ObserverManager{TObserver}"/> drops such
/// subscribers; exceptions thrown by the method itself never reach the caller. Best suited to notifications.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute
{
}
