using Twins.Actors.Filters;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>Walks the outgoing filters, then sends the request.</summary>
internal sealed class OutgoingGrainCallContext<TResult>(GrainRuntime runtime, GrainId target, GrainRequest<TResult> request) : IOutgoingGrainCallContext
{
    private int _next;

    public TResult TypedResult { get; set; } = default!;

    public GrainId TargetId => target;

    public GrainRequest Request => request;

    public string InterfaceName => request.InterfaceType.Name;

    public string MethodName => request.MethodName;

    public object? Result
    {
        get => TypedResult;
        set => TypedResult = (TResult)value!;
    }

    public async Task Invoke()
    {
        var filters = runtime.OutgoingFilters;
        if (_next < filters.Length)
        {
            await filters[_next++].Invoke(this).ConfigureAwait(true);
        }
        else
        {
            TypedResult = await runtime.SendAsync(target, request).ConfigureAwait(true);
        }
    }
}
