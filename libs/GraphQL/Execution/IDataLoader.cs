namespace Twins.GraphQL.Execution;

/// <summary>A batching loader the executor dispatches when resolvers have queued keys.</summary>
public interface IDataLoader
{
    /// <summary>True if keys are waiting to be fetched.</summary>
    bool HasPendingKeys { get; }

    /// <summary>Fetches every queued key in one batch and completes their tasks.</summary>
    Task DispatchAsync(CancellationToken cancellationToken = default);

    /// <summary>Called by the executor so the loader can tell it when keys are queued.</summary>
    void Attach(IBatchScheduler scheduler);
}
