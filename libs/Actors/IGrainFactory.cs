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

    /// <summary>
    /// Makes a local object callable through a reference that grains can store and call, as Orleans'
    /// <c>CreateObjectReference</c>. The reference is an observer id naming this silo or cluster client as its
    /// host (<c>observer/{guid}@{host}</c>); it can be passed as a grain-call argument to a grain on any silo,
    /// and calls on it are carried back to this process (over the client's own connections when the host is a
    /// client) and run on <paramref name="obj"/> one at a time, in the order they were sent. Calls fail at once
    /// once the reference is deleted or its host has left the cluster, so an <see cref="ObserverManager{TObserver}"/>
    /// drops it. The reference keeps <paramref name="obj"/> alive until <see cref="DeleteObjectReference{TGrainObserverInterface}"/>.
    /// </summary>
    TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver;

    /// <summary>Removes a reference made by <see cref="CreateObjectReference{TGrainObserverInterface}"/>; calls to it fail afterwards.</summary>
    void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver reference) where TGrainObserverInterface : IGrainObserver;
}
