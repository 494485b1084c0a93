using Twins.Actors.Storage;

namespace Twins.Actors.Tests.Grains;

public sealed class BrokenStoreGrain([PersistentState("data", "broken")] IPersistentState<LifecycleState> state) : Grain, IBrokenStoreGrain
{
    public Task SaveAsync() => state.WriteStateAsync();
}
