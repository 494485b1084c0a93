namespace Twins.Simulator.Tests;

public sealed class VehicleStateTests
{
    [Fact]
    public void Advance_ForADayOfDriving_StaysPlausible()
    {
        var random = new Random(7);
        var state = new VehicleState(random);
        var odometer = state.OdometerKilometres;
        var maxSpeed = 0.0;
        for (var second = 0; second < 24 * 3600; second++)
        {
            state.Advance(TimeSpan.FromSeconds(1), random);
            maxSpeed = Math.Max(maxSpeed, state.SpeedKilometresPerHour);
            Assert.InRange(state.StateOfCharge, 0, 100);
            Assert.All(state.TyrePressures, p => Assert.InRange(p, 1.8, 3.0));
        }

        Assert.InRange(maxSpeed, 20, 200);
        Assert.True(state.OdometerKilometres > odometer + 10, "the vehicle drove somewhere");
    }

    [Fact]
    public void PositionAt_StaysOnTheRing()
    {
        for (var metres = 0.0; metres < Route.Ring.Length * 2; metres += 250)
        {
            var (latitude, longitude) = Route.Ring.PositionAt(metres);
            Assert.InRange(latitude, 52.39, 52.44);
            Assert.InRange(longitude, 10.77, 10.85);
        }
    }
}
