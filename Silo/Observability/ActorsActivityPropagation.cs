using System.Diagnostics;
using System.Runtime.CompilerServices;
using Twins.Actors.Filters;
using Twins.Actors.Invocation;

namespace Twins.Silo.Observability;

/// <summary>
/// Carries the caller's recorded span into the grain's turn for calls delivered in this process, so what a grain does
/// (a publish to the vehicle) joins the trace of the operation that called it. The actor runtime runs turns
/// on its own work items, which do not flow the caller's execution context. Registered only while tracing is
/// on: without it the runtime keeps its filter-free fast path.
/// </summary>
/// <remarks>Interim: Orleans propagates activities itself (<c>AddActivityPropagation</c>); this goes with <c>Twins.Actors</c>.</remarks>
internal sealed class ActorsActivityPropagation : IOutgoingGrainCallFilter, IIncomingGrainCallFilter
{
    // A local call hands the same request object to the activation; a remote one arrives as a new object and finds nothing.
    private readonly ConditionalWeakTable<GrainRequest, Activity> _callers = [];

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only a recorded span is carried: an unsampled one would yield no recorded child anyway (parent-based
        // sampling), and at 1 % sampling the table's upkeep on every call was the largest cost measured.
        if (Activity.Current is { Recorded: true } caller)
        {
            _callers.AddOrUpdate(context.Request, caller);
        }

        return context.Invoke();
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _callers.TryGetValue(context.Request, out var caller) ? InvokeAsCallerAsync(context, caller) : context.Invoke();
    }

    private static async Task InvokeAsCallerAsync(IIncomingGrainCallContext context, Activity caller)
    {
        // Set inside this async method, so it reverts when the call returns and never leaks into the next turn.
        Activity.Current = caller;
        await context.Invoke();
    }
}
