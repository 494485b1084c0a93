namespace Twins.Actors.Tests.Grains;

public sealed record LifecycleState
{
    public int Value { get; init; }

    public string? Note { get; init; }
}
