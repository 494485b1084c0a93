namespace Twins.GraphQL.Execution;

/// <summary>Collects loaders with queued keys; the executor dispatches them when execution waits.</summary>
internal sealed class BatchScheduler : IBatchScheduler
{
    private readonly Lock _gate = new();
    private readonly List<IDataLoader> _pending = [];
    private TaskCompletionSource? _signal;

    public void Schedule(IDataLoader loader)
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            if (!_pending.Contains(loader))
            {
                _pending.Add(loader);
            }

            signal = _signal;
            _signal = null;
        }

        signal?.TrySetResult();
    }

    public Task WaitAsync()
    {
        lock (_gate)
        {
            if (_pending.Count > 0)
            {
                return Task.CompletedTask;
            }

            _signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _signal.Task;
        }
    }

    public List<IDataLoader>? TakePending()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            var taken = new List<IDataLoader>(_pending);
            _pending.Clear();
            return taken;
        }
    }

    /// <summary>Runs <paramref name="execution"/>, dispatching batches whenever it waits on them.</summary>
    public async Task<T> RunAsync<T>(Task<T> execution, CancellationToken cancellationToken)
    {
        while (!execution.IsCompleted)
        {
            var pending = TakePending();
            if (pending is not null)
            {
                foreach (var loader in pending)
                {
                    await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await Task.WhenAny(execution, WaitAsync()).ConfigureAwait(false);
        }

        return await execution.ConfigureAwait(false);
    }
}
