namespace Twins.Actors.Tests.Grains;

/// <summary>Same probes, implemented by a [Reentrant] class.</summary>
public interface IReentrantTurnGrain : ITurnGrain
{
}
