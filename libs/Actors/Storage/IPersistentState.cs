namespace Twins.Actors.Storage;

/// <summary>
/// A named piece of grain state, injected into a grain constructor with
/// <see cref="PersistentStateAttribute"/>. It is read before <see cref="Grain.OnActivateAsync"/> and written
/// only by <see cref="WriteStateAsync"/>: deactivation never persists anything implicitly.
/// </summary>
public interface IPersistentState<TState> : IGrainState<TState>
{
    /// <summary>Re-reads the state from the store.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when the stored ETag changed.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets <see cref="IGrainState{T}.State"/> to a new value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
