using Twins.Actors.Filters;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>Walks the incoming filters, then invokes the grain.</summary>
internal sealed class IncomingGrainCallContext<TResult>(Activation activation, GrainRequest<TResult> request) : IIncomingGrainCallContext
{
    private int _next;

    public TResult TypedResult { get; set; } = default!;

    public object Grain => activation.Instance!;

    public GrainId TargetId => activation.GrainId;

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
        var filters = activation.Catalog.IncomingFilters;
        if (_next < filters.Length)
        {
            await filters[_next++].Invoke(this).ConfigureAwait(true);
        }
        else
        {
            TypedResult = await request.InvokeOn(activation.Instance!).ConfigureAwait(true);
        }
    }
}
