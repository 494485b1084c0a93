namespace Twins.Actors.Storage;

/// <summary>
/// A grain state store. Every write and clear is conditional on the ETag the caller holds (null: no
/// record expected) and throws <see cref="InconsistentStateException"/> when it does not match, so the
/// store is the final guard of single activation. A new ETag is set on the state object
/// after each successful write (the <c>grainState</c> argument).
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state; when no record exists, leaves <see cref="IGrainState{T}.State"/> alone and sets RecordExists false, ETag null.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the state if the stored ETag matches the one in <paramref name="grainState"/>.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if the stored ETag matches; afterwards RecordExists is false and ETag null.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);
}
