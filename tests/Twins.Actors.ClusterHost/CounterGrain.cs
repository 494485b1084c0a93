using Twins.Actors.Storage;

namespace Twins.Actors.ClusterHost;

public sealed class CounterGrain([PersistentState("counter", "store")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task SetAsync(int value)
    {
        state.State = new CounterState { Value = value };
        await state.WriteStateAsync();
    }

    public Task<CounterState> GetAsync() => Task.FromResult(state.State);

    public Task<int> PingAsync(int value) => Task.FromResult(value);
}
