namespace Twins.GraphQL.Execution;

/// <summary>The request's dispatcher of DataLoader batches.</summary>
public interface IBatchScheduler
{
    /// <summary>Tells the scheduler that <paramref name="loader"/> has queued keys.</summary>
    void Schedule(IDataLoader loader);
}
