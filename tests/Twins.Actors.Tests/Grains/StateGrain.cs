using Twins.Actors.Storage;

namespace Twins.Actors.Tests.Grains;

public sealed class StateGrain([PersistentState("life", "store")] IPersistentState<LifecycleState> state, Journal journal) : Grain, IStateGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate {this.GetPrimaryKeyString()} value={state.State.Value}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<LifecycleState> GetAsync() => Task.FromResult(state.State);

    public async Task SetAsync(int value)
    {
        state.State = state.State with { Value = value };
        await state.WriteStateAsync();
    }

    public Task SetWithoutWriteAsync(int value)
    {
        state.State = state.State with { Value = value };
        return Task.CompletedTask;
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<string?> GetETagAsync() => Task.FromResult(state.ETag);

    public Task<string> GetActivationIdAsync() => Task.FromResult(_activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAliveAsync(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }
}
