namespace Twins.Actors;

/// <summary>
/// Marker for observer interfaces: a caller creates a reference to a local object with
/// <see cref="IGrainFactory.CreateObjectReference{TGrainObserverInterface}(IGrainObserver)"/> and passes it to a grain,
/// which then calls it like a grain, from any silo. Methods return <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>; mark notifications <see cref="OneWayAttribute">[OneWay]</see>
/// so the grain does not wait for the observer to run them. A <c>void</c> method is one-way as well; calling it
/// throws at once when the observer's host is known to be gone.
/// </summary>
public interface IGrainObserver : IAddressable
{
}
