namespace Twins.GraphQL.Execution;

/// <summary>Either the request errors of a subscription, or its stream of results.</summary>
public sealed class SubscriptionResult
{
    internal SubscriptionResult(ExecutionResult? errors, IAsyncEnumerable<ExecutionResult>? stream)
    {
        Errors = errors;
        Stream = stream;
    }

    /// <summary>The result carrying errors when the subscription could not start, otherwise null.</summary>
    public ExecutionResult? Errors { get; }

    /// <summary>One result per event, when the subscription started.</summary>
    public IAsyncEnumerable<ExecutionResult>? Stream { get; }
}
