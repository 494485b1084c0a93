using Orleans.Runtime;
using Orleans.Storage;
using Twins.Gateway.Internal;

namespace Twins.Gateway.Tests.Internal;

public sealed class GrainCallRetryTests
{
    private static readonly GatewayOptions Options = new() { MaxAttempts = 3, TransientRetryWindow = TimeSpan.FromSeconds(30) };

    [Fact]
    public void ShouldGiveUp_SiloDiedDuringFailover_KeepsTryingThroughTheRetryWindow()
    {
        var error = new SiloUnavailableException("The connection to 127.0.0.1:11112 is closed.");

        Assert.False(GrainCallRetry.ShouldGiveUp(error, attempt: 3, TimeSpan.FromSeconds(1), Options));
        Assert.False(GrainCallRetry.ShouldGiveUp(error, attempt: 12, TimeSpan.FromSeconds(29), Options));
        Assert.True(GrainCallRetry.ShouldGiveUp(error, attempt: 20, TimeSpan.FromSeconds(30), Options));
    }

    public static TheoryData<Exception> OtherTransientFailures => new()
    {
        new TimeoutException("transient"),
        new InconsistentStateException("transient"),
        new Orleans.Runtime.Messaging.ConnectionFailedException("transient"),
        new OrleansException("Error from storage provider", new IOException("transient")),
    };

    [Theory]
    [MemberData(nameof(OtherTransientFailures))]
    public void ShouldGiveUp_OtherTransientFailures_RetriedLikeAFailover(Exception error)
    {

        Assert.True(GrainCallRetry.IsTransient(error));
        Assert.False(GrainCallRetry.ShouldGiveUp(error, attempt: 5, TimeSpan.FromSeconds(10), Options));
    }

    [Fact]
    public void ShouldGiveUp_GrainsOwnError_FinalAfterMaxAttempts()
    {
        var error = new InvalidOperationException("the grain refused it");

        Assert.False(GrainCallRetry.IsTransient(error));
        Assert.False(GrainCallRetry.ShouldGiveUp(error, attempt: 2, TimeSpan.FromMilliseconds(300), Options));
        Assert.True(GrainCallRetry.ShouldGiveUp(error, attempt: 3, TimeSpan.FromMilliseconds(300), Options));
    }

    [Fact]
    public void DelayAfter_DoublesFromATenthOfASecondUpToOneSecond()
    {
        var delays = Enumerable.Range(1, 7).Select(a => GrainCallRetry.DelayAfter(a).TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], delays);
        Assert.Equal(TimeSpan.FromSeconds(1), GrainCallRetry.DelayAfter(int.MaxValue));
    }
}
