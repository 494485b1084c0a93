using Twins.Actors.Storage;

namespace Twins.Actors.Tests.Grains;

/// <summary>Fault injection: a store whose reads succeed (nothing stored) and whose writes fail like a full disk.</summary>
public sealed class FailingGrainStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        throw new IOException("No space left on device");

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        throw new IOException("No space left on device");
}
