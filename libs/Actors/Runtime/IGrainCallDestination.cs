using Twins.Actors.Invocation;

namespace Twins.Actors.Runtime;

/// <summary>
/// Where a request goes once its target's owner is known: this silo's activations, or (in a cluster) a
/// connection to another silo, which serializes the request with <see cref="GrainRequest.WriteArguments"/>
/// and answers the caller with <see cref="GrainRequest.SetResult"/> or <see cref="GrainRequest.TrySetException"/>.
/// </summary>
public interface IGrainCallDestination
{
    /// <summary>Delivers a prepared request; the destination answers it (never throws for a grain's failure).</summary>
    void Send(GrainRequest request);
}
