namespace Twins.GraphQL.Execution;

/// <summary>
/// Batches and caches loads of <typeparamref name="TValue"/> by <typeparamref name="TKey"/> within one request:
/// every key requested while the executor is resolving one level is fetched with a single
/// <see cref="FetchAsync"/> call. Get the request's instance with <see cref="IResolverContext.DataLoader{TLoader}"/>.
/// </summary>
public abstract class DataLoader<TKey, TValue> : IDataLoader
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = [];
    private List<TKey> _queue = [];
    private IBatchScheduler? _scheduler;

    /// <inheritdoc />
    public bool HasPendingKeys
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count > 0;
            }
        }
    }

    /// <summary>Loads one value; null when the batch did not return the key.</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        TaskCompletionSource<TValue?> completion;
        bool schedule;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var existing))
            {
                return existing.Task;
            }

            completion = new TaskCompletionSource<TValue?>();
            _cache[key] = completion;
            schedule = _queue.Count == 0;
            _queue.Add(key);
        }

        if (schedule)
        {
            if (_scheduler is null)
            {
                _ = DispatchAsync();
            }
            else
            {
                _scheduler.Schedule(this);
            }
        }

        return completion.Task;
    }

    /// <summary>Loads several values.</summary>
    public Task<TValue?[]> LoadAsync(IEnumerable<TKey> keys) => Task.WhenAll(keys.Select(LoadAsync));

    /// <inheritdoc />
    public async Task DispatchAsync(CancellationToken cancellationToken = default)
    {
        List<TKey> keys;
        lock (_gate)
        {
            keys = _queue;
            _queue = [];
        }

        if (keys.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<TKey, TValue> results;
        try
        {
            results = await FetchAsync(keys, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the failure is handed to every waiting resolver
        catch (Exception error)
#pragma warning restore CA1031
        {
            foreach (var key in keys)
            {
                Completion(key).TrySetException(error);
            }

            return;
        }

        foreach (var key in keys)
        {
            Completion(key).TrySetResult(results.TryGetValue(key, out var value) ? value : default);
        }
    }

    /// <inheritdoc />
    public void Attach(IBatchScheduler scheduler) => _scheduler = scheduler;

    /// <summary>Fetches a batch; keys missing from the result resolve to null.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    private TaskCompletionSource<TValue?> Completion(TKey key)
    {
        lock (_gate)
        {
            return _cache[key];
        }
    }
}
