namespace Twins.Actors;

/// <summary>Creates references to grains (no activation happens until a call) and to local observers.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain with a string key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the grain with a Guid key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey;

    /// <summary>A reference of interface <typeparamref name="TGrainInterface"/> to the grain with id <paramref name="grainId"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable;

    /// <summary>A reference of interface <paramref name="interfaceType"/> to the grain with id <paramref name="grainId"/>.</summary>
    IAddressable GetGrain(Type interfaceType, GrainId grainId);

    /// <summary>Makes a local object callable through a reference that grains can store and call.</summary>
    TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver;

    /// <summary>Removes a reference made by <see cref="CreateObjectReference{TGrainObserverInterface}"/>; calls to it fail afterwards.</summary>
    void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver reference) where TGrainObserverInterface : IGrainObserver;
}
