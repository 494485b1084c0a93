using Twins.Gateway.Internal;
using Twins.Testing;

namespace Twins.Gateway.Tests.Internal;

public sealed class RateLimitedLogTests
{
    [Fact]
    public void ShouldLog_FloodOfOneReason_OneLinePerIntervalWithTheCountHeldBack()
    {
        var time = new ManualTimeProvider();
        var log = new RateLimitedLog(time, TimeSpan.FromSeconds(10));

        Assert.True(log.ShouldLog("bad-json", out var first));
        var held = Enumerable.Range(0, 99).Count(i => !log.ShouldLog("bad-json", out _));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(log.ShouldLog("bad-json", out var suppressed));

        Assert.Equal(0, first);
        Assert.Equal(99, held);
        Assert.Equal(99, suppressed);
    }

    [Fact]
    public void ShouldLog_DifferentReasons_LimitedSeparately()
    {
        var log = new RateLimitedLog(new ManualTimeProvider(), TimeSpan.FromSeconds(10));

        Assert.True(log.ShouldLog("a", out _));
        Assert.True(log.ShouldLog("b", out _));
        Assert.False(log.ShouldLog("a", out _));
    }
}
