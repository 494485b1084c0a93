namespace Twins.Actors.ClusterHost;

public sealed record CounterState
{
    public int Value { get; init; }
}
