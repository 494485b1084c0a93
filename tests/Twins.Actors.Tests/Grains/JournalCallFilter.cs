using Twins.Actors.Filters;

namespace Twins.Actors.Tests.Grains;

/// <summary>Records every call in and out, and doubles the result of CountAsync (to show filters can change results).</summary>
public sealed class JournalCallFilter(Journal journal) : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        journal.Add($"in:{context.InterfaceName}.{context.MethodName}:{context.Grain.GetType().Name}");
        await context.Invoke();
        if (context.MethodName == nameof(ITurnGrain.CountAsync))
        {
            context.Result = (int)context.Result! * 2;
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        journal.Add($"out:{context.InterfaceName}.{context.MethodName}:{context.TargetId}");
        await context.Invoke();
    }
}
