namespace Twins.Simulator;

/// <summary>
/// Runs N <see cref="SimulatedVehicle"/>s: starts them at the configured rate, then once a second
/// takes random vehicles offline (half cleanly, half abruptly so the broker publishes their Will) and
/// brings them back after a random spell.
/// </summary>
internal sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly SimulatedVehicle[] _vehicles;
    private readonly List<Task> _running = [];
    private readonly SemaphoreSlim? _connecting;
    private int _started;

    public SimulatedFleet(SimulatorOptions options, TimeProvider? timeProvider = null)
    {
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        Counters = new FleetCounters();
        _connecting = options.MaxConnecting > 0 ? new SemaphoreSlim(options.MaxConnecting, options.MaxConnecting) : null;
        _vehicles = new SimulatedVehicle[options.Vehicles];
        for (var i = 0; i < _vehicles.Length; i++)
        {
            _vehicles[i] = new SimulatedVehicle(VehicleIdentity.Vin(options.VinPrefix, options.FirstIndex + i), options, Counters, _time, _connecting);
        }
    }

    public FleetCounters Counters { get; }

    public IReadOnlyList<SimulatedVehicle> Vehicles => _vehicles;

    /// <summary>How many vehicles have been started so far (the ramp).</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Starts the vehicles and keeps the fleet going until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var chaos = ChaosAsync(cancellationToken);
        var startedAt = _time.GetTimestamp();
        for (var i = 0; i < _vehicles.Length && !cancellationToken.IsCancellationRequested; i++)
        {
            var vehicle = _vehicles[i];
            _running.Add(Task.Run(() => vehicle.RunAsync(cancellationToken), CancellationToken.None));
            Volatile.Write(ref _started, i + 1);
            if (_options.ConnectRate > 0)
            {
                var due = TimeSpan.FromSeconds((i + 1) / _options.ConnectRate) - _time.GetElapsedTime(startedAt);
                if (due > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }

        try
        {
            await chaos.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var vehicle in _vehicles)
        {
            await vehicle.DisposeAsync().ConfigureAwait(false);
        }

        _connecting?.Dispose();
    }

    private async Task ChaosAsync(CancellationToken cancellationToken)
    {
        if (_options.OfflineProbabilityPerMinute <= 0)
        {
            return;
        }

        var perSecond = _options.OfflineProbabilityPerMinute / 60;
        var spread = (_options.OfflineMaximum - _options.OfflineMinimum).Ticks;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var started = Started;
            for (var i = 0; i < started; i++)
            {
                var vehicle = _vehicles[i];
                if (!vehicle.WantsOnline)
                {
                    if (now >= vehicle.OfflineUntil)
                    {
                        vehicle.GoOnline();
                    }
                }
                else if (vehicle.IsOnline && Random.Shared.NextDouble() < perSecond)
                {
                    vehicle.OfflineUntil = now + _options.OfflineMinimum + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * spread));
                    var abrupt = Random.Shared.Next(2) == 0;
                    _ = vehicle.GoOfflineAsync(abrupt, cancellationToken);
                }
            }
        }
    }
}
