namespace Twins.Providers.Tests.Contracts;

/// <summary>A grain state with a few fields; a record compares by value, so a round trip is one Assert.Equal.</summary>
public sealed record TestState
{
    public string? Name { get; init; }

    public int Count { get; init; }

    public double Mileage { get; init; }
}
