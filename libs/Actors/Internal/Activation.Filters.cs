using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>Calls through the incoming filters.</summary>
internal sealed partial class Activation
{
    public async ValueTask<TResult> InvokeWithFiltersAsync<TResult>(GrainRequest<TResult> request)
    {
        var context = new IncomingGrainCallContext<TResult>(this, request);
        await context.Invoke().ConfigureAwait(true);
        return context.TypedResult;
    }
}
