using Twins.Mqtt.Internal;

namespace Twins.Mqtt.Tests.Internal;

public sealed class FullJitterBackoffTests
{
    private static readonly FullJitterBackoff Aws = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120), new Random(42));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    [InlineData(7, 120)]
    [InlineData(1000, 120)]
    public void Ceiling_DoublesUpToTheMaximum(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Aws.Ceiling(attempt));

    [Fact]
    public void Next_IsSpreadOverTheWholeRange()
    {
        var delays = Enumerable.Range(0, 2000).Select(_ => Aws.Next(5).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0, 32));
        // Full jitter: draws fill the range instead of clustering at the ceiling.
        Assert.Contains(delays, d => d < 4);
        Assert.Contains(delays, d => d > 28);
        Assert.InRange(delays.Average(), 13, 19);
    }
}
