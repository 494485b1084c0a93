using Twins.Actors.Invocation;
using Twins.Actors.Runtime;

namespace Twins.Actors.Transport.Internal;

/// <summary>Answers every request with one error (no owner can be found).</summary>
internal sealed class FailingDestination(Exception error) : IGrainCallDestination
{
    public void Send(GrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.TrySetException(error);
    }
}
