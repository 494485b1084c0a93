namespace Twins.Actors.Tests.Grains;

[Reentrant]
public sealed class ReentrantTurnGrain(Gate gate) : TurnGrain(gate), IReentrantTurnGrain
{
}
