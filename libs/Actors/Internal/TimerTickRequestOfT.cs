namespace Twins.Actors.Internal;

/// <summary>A timer tick that passes its state to the callback.</summary>
internal sealed class TimerTickRequest<TState>(GrainId grainId, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    : TimerTickRequest(grainId, options)
{
    protected override ValueTask<object?> InvokeAsync(object target) => FromResult(callback(state, CancellationToken.None));
}
