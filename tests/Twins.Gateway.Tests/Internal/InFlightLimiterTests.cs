using Twins.Gateway.Internal;

namespace Twins.Gateway.Tests.Internal;

public sealed class InFlightLimiterTests
{
    [Fact]
    public void TryEnter_BeyondTheLimit_RefusedUntilASlotReturns()
    {
        var limiter = new InFlightLimiter(10);

        var taken = Enumerable.Range(0, 12).Count(_ => limiter.TryEnter("car-a"));
        var otherVehicle = limiter.TryEnter("car-b");
        limiter.Exit("car-a");
        var afterExit = limiter.TryEnter("car-a");

        Assert.Equal(10, taken);
        Assert.True(otherVehicle);
        Assert.True(afterExit);
        Assert.False(limiter.TryEnter("car-a"));
    }

    [Fact]
    public void Exit_LastSlot_ForgetsTheVehicle()
    {
        var limiter = new InFlightLimiter(2);
        limiter.TryEnter("car-a");
        limiter.TryEnter("car-a");

        limiter.Exit("car-a");
        limiter.Exit("car-a");
        limiter.Exit("car-a");

        Assert.Equal(0, limiter.InFlight("car-a"));
        Assert.Equal(0, limiter.Keys);
    }
}
