namespace Twins.Actors.Tests.Grains;

public sealed record Greeting(string Text, int Count);
