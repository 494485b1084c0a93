namespace Twins.Actors;

/// <summary>
/// Marker for observer interfaces: a caller creates a reference to a local object with
/// <see cref="IGrainFactory.CreateObjectReference{TGrainObserverInterface}(IGrainObserver)"/> and passes it to a grain,
/// which then calls it like a grain.
/// </summary>
public interface IGrainObserver : IAddressable
{
}
