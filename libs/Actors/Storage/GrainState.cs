namespace Twins.Actors.Storage;

/// <summary>A plain <see cref="IGrainState{T}"/>, used by providers and their tests.</summary>
public sealed class GrainState<T> : IGrainState<T>
{
    /// <summary>Creates a state holding <paramref name="state"/> with no record.</summary>
    public GrainState(T state) => State = state;

    /// <inheritdoc />
    public T State { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }

    /// <inheritdoc />
    public bool RecordExists { get; set; }
}
