namespace Twins.Actors.Invocation;

/// <summary>
/// Where generated proxies hand their requests. The runtime routes each request to the silo that owns
/// the target (this one, or a remote one), applies outgoing filters and enforces the call timeout.
/// </summary>
public interface IGrainCallDispatcher
{
    /// <summary>The factory proxies use to resolve grain references they deserialize.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Sends <paramref name="request"/> to <paramref name="target"/> and completes with its result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}
