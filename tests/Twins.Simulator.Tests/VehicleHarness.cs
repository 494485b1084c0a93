using Twins.Testing;

namespace Twins.Simulator.Tests;

/// <summary>One simulated vehicle running against the test broker, with its own data folder.</summary>
internal sealed class VehicleHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private VehicleHarness(SimulatedVehicle vehicle, FleetCounters counters)
    {
        Vehicle = vehicle;
        Counters = counters;
        _running = Task.Run(() => vehicle.RunAsync(_stop.Token));
    }

    public SimulatedVehicle Vehicle { get; }

    public FleetCounters Counters { get; }

    public static SimulatorOptions Options(MosquittoBroker broker, string dataDirectory) => new()
    {
        Host = MosquittoBroker.Host,
        Port = broker.Port,
        DataDirectory = dataDirectory,
        CommandFailureProbability = 0,
        CommandTimeoutProbability = 0,
        OfflineProbabilityPerMinute = 0,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    public static string NewVin() => VehicleIdentity.Vin("TST", Random.Shared.Next(1, int.MaxValue));

    public static VehicleHarness Start(SimulatorOptions options, string vin, TimeProvider? time = null)
    {
        var counters = new FleetCounters();
        return new VehicleHarness(new SimulatedVehicle(vin, options, counters, time), counters);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await Vehicle.DisposeAsync();
        _stop.Dispose();
    }
}
