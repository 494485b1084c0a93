using Twins.Actors;
using Twins.Actors.Storage;

namespace Twins.Bench;

internal sealed class IdleGrain([PersistentState("idle")] IPersistentState<EmptyState> state) : Grain, IIdleGrain
{
    public Task TouchAsync() => state.RecordExists ? Task.CompletedTask : Task.CompletedTask;
}
