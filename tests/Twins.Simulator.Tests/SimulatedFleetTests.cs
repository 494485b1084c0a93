using Twins.Testing;

namespace Twins.Simulator.Tests;

public sealed class SimulatedFleetTests : IClassFixture<MosquittoFixture>
{
    private readonly MosquittoBroker _broker;

    public SimulatedFleetTests(MosquittoFixture fixture)
    {
        _broker = fixture.Broker;
    }

    [Fact]
    public async Task RunAsync_TwentyVehiclesThreeConnectingAtOnce_AllComeOnlineWithDistinctThings()
    {
        using var data = new TempDirectory();
        var options = VehicleHarness.Options(_broker, data.Path) with { Vehicles = 20, VinPrefix = "FLT", FirstIndex = Random.Shared.Next(1, 1_000_000), ConnectRate = 0, MaxConnecting = 3 };
        await using var cloud = await CloudSide.ConnectAsync(_broker, "$aws/events/presence/connected/+");
        await using var fleet = new SimulatedFleet(options);
        using var stop = new CancellationTokenSource();
        var running = fleet.RunAsync(stop.Token);

        var seen = new HashSet<string>();
        while (seen.Count < 20)
        {
            var connected = await cloud.NextJsonAsync(string.Empty);
            var clientId = connected.GetProperty("clientId").GetString()!;
            if (clientId.StartsWith("Vehicle_FLT", StringComparison.Ordinal))
            {
                seen.Add(clientId);
            }
        }

        await Poll.UntilAsync(() => fleet.Counters.Online == 20, "all 20 vehicles to count as online");
        Assert.Equal(fleet.Vehicles.Select(v => VehicleIdentity.ThingName(v.Vin)).ToHashSet(), seen);

        await stop.CancelAsync();
        await running;
        Assert.True(fleet.Counters.Online == 0, $"online {fleet.Counters.Online} connects {fleet.Counters.Connects} disconnects {fleet.Counters.Disconnects} errors {fleet.Counters.Errors} {fleet.Counters.LastError}");
    }

    [Fact]
    public async Task Chaos_CertainOfflineProbability_TakesVehiclesOfflineAndBringsThemBack()
    {
        using var data = new TempDirectory();
        var time = new ManualTimeProvider();
        var options = VehicleHarness.Options(_broker, data.Path) with
        {
            Vehicles = 3, VinPrefix = "CHS", FirstIndex = Random.Shared.Next(1, 1_000_000), ConnectRate = 0,
            KeepAlive = TimeSpan.FromMinutes(30), OfflineProbabilityPerMinute = 1, OfflineMinimum = TimeSpan.FromSeconds(5), OfflineMaximum = TimeSpan.FromSeconds(5),
        };
        await using var fleet = new SimulatedFleet(options, time);
        using var stop = new CancellationTokenSource();
        var running = fleet.RunAsync(stop.Token);
        await Poll.UntilAsync(() => fleet.Counters.Online == 3, "the fleet to come online");

        // About one vehicle in 60 goes offline per second at probability 1/min: move the clock until one did.
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return fleet.Counters.Disconnects >= 1;
        }, "a vehicle to go offline");
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return fleet.Counters.Connects >= 4;
        }, "it to come back after its offline spell");

        await stop.CancelAsync();
        await running;
    }
}
