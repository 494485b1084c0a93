using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Storage;

namespace Twins.Actors.Internal;

/// <summary>
/// A grain's named state bound to its store. Provider failures other than a stale ETag surface as
/// <see cref="GrainStorageException"/> naming the grain, the state and the store; nothing is swallowed.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IActivationState
{
    private readonly Activation _activation;
    private readonly string _stateName;
    private readonly string _storageName;
    private IGrainStorage? _storage;

    public PersistentState(Activation activation, string stateName, string storageName)
    {
        _activation = activation;
        _stateName = stateName;
        _storageName = storageName;
        State = CreateDefault();
    }

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    private IGrainStorage Storage => _storage ??= _activation.Catalog.Services.GetKeyedService<IGrainStorage>(_storageName)
        ?? throw new GrainStorageException($"Grain {_activation.GrainId} uses state '{_stateName}' in store '{_storageName}', but no storage provider of that name is registered.");

    public Task ReadOnActivateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => RunAsync(StorageOperation.Read, cancellationToken);

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => RunAsync(StorageOperation.Write, cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(StorageOperation.Clear, cancellationToken).ConfigureAwait(false);
        State = CreateDefault();
    }

    private async Task RunAsync(StorageOperation operation, CancellationToken cancellationToken)
    {
        var metrics = _activation.Catalog.Metrics;
        var time = _activation.Catalog.Time;
        var started = time.GetTimestamp();
        try
        {
            var storage = Storage;
            var pending = operation switch
            {
                StorageOperation.Read => storage.ReadStateAsync(_stateName, _activation.GrainId, this, cancellationToken),
                StorageOperation.Write => storage.WriteStateAsync(_stateName, _activation.GrainId, this, cancellationToken),
                _ => storage.ClearStateAsync(_stateName, _activation.GrainId, this, cancellationToken),
            };
            await pending.ConfigureAwait(false);
            metrics.StorageOperation(_storageName, operation, time.GetElapsedTime(started), failed: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.StorageOperation(_storageName, operation, time.GetElapsedTime(started), failed: true);
            if (ex is InconsistentStateException or GrainStorageException)
            {
                throw;
            }

            throw new GrainStorageException(
                $"{operation} of state '{_stateName}' of grain {_activation.GrainId} in store '{_storageName}' failed: {ex.Message}", ex);
        }
    }

    private static TState CreateDefault()
    {
        if (typeof(TState).IsValueType || typeof(TState) == typeof(string))
        {
            return default!;
        }

        try
        {
            return Activator.CreateInstance<TState>();
        }
        catch (MissingMethodException)
        {
            // A state without a parameterless constructor starts null until it is read or set.
            return default!;
        }
    }
}
