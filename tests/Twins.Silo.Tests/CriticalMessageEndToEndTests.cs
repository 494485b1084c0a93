using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Silo.Tests;

/// <summary>Critical OEM messages: retained with an expiry, so a vehicle that was offline gets the latest one when it subscribes.</summary>
public sealed class CriticalMessageEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task CriticalMessages_SentWhileOffline_ReceivedRetainedWithExpiryOnSubscribe()
    {
        const string Thing = "car-critical-1";
        var expires = silo.Time.GetUtcNow().AddHours(1);
        await silo.Vehicle(Thing).SendCriticalMessageAsync(new CriticalMessage("""{"recall":"R-1","text":"Do not drive"}""", expires));
        await silo.Grains.GetGrain<IFleetCriticalMessageGrain>(IFleetCriticalMessageGrain.Key).SendAsync(new CriticalMessage("""{"notice":"maintenance"}""", expires));
        await Twins.Testing.Poll.UntilAsync(() => silo.Counters.Published >= 2, "the two retained publishes");

        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"twins/vehicles/{Thing}/critical"),
            Plan.Subscribe("twins/fleet/critical"),
            Plan.Expect(2)));

        var vehicle = Assert.Single(received, m => m.Topic == $"twins/vehicles/{Thing}/critical");
        Assert.True(vehicle.Retain);
        Assert.Equal("R-1", (string?)vehicle.Json["recall"]);
        Assert.InRange(vehicle.Expiry!.Value, 3500, 3600);
        var fleet = Assert.Single(received, m => m.Topic == "twins/fleet/critical");
        Assert.True(fleet.Retain);
        Assert.Equal("maintenance", (string?)fleet.Json["notice"]);
        Assert.Contains("R-1", (await silo.Vehicle(Thing).GetCriticalMessageAsync())!.Payload, StringComparison.Ordinal);
    }
}
