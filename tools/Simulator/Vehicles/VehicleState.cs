using System.Text.Json;

namespace Twins.Simulator;

/// <summary>
/// What a simulated vehicle is doing: driving around <see cref="Route.Ring"/> with a speed that wanders
/// between stops, a battery that drains with distance and charges when low, doors, climate and tyres.
/// Plain fields, a few hundred bytes per vehicle; advanced by <see cref="Advance"/> and read under the vehicle's lock.
/// </summary>
internal sealed class VehicleState
{
    private const double BatteryKilowattHours = 77;
    private const double KilowattHoursPerKilometre = 0.17;

    private double _targetSpeed;

    public VehicleState(Random random)
    {
        DistanceMetres = random.NextDouble() * Route.Ring.Length;
        OdometerKilometres = Math.Round(random.NextDouble() * 60_000, 1);
        StateOfCharge = 40 + (random.NextDouble() * 55);
        TyrePressures = [2.5 + Noise(random, 0.1), 2.5 + Noise(random, 0.1), 2.6 + Noise(random, 0.1), 2.6 + Noise(random, 0.1)];
        _targetSpeed = random.Next(0, 3) == 0 ? 0 : 30 + (random.NextDouble() * 70);
    }

    public double SpeedKilometresPerHour { get; private set; }

    public double DistanceMetres { get; private set; }

    public double OdometerKilometres { get; private set; }

    public double StateOfCharge { get; private set; }

    public bool Charging { get; private set; }

    public bool DoorsLocked { get; set; } = true;

    public bool ClimateOn { get; set; }

    public double ClimateTargetCelsius { get; set; } = 21;

    public double[] TyrePressures { get; }

    /// <summary>Moves the vehicle on by <paramref name="elapsed"/>.</summary>
    public void Advance(TimeSpan elapsed, Random random)
    {
        var seconds = Math.Clamp(elapsed.TotalSeconds, 0, 60);
        if (random.NextDouble() < 0.02 * seconds)
        {
            // A new leg: stop at lights or a car park, or pick a cruising speed.
            _targetSpeed = random.Next(0, 4) == 0 || Charging ? 0 : 30 + (random.NextDouble() * 100);
        }

        var step = Math.Clamp(_targetSpeed - SpeedKilometresPerHour, -12 * seconds, 8 * seconds);
        SpeedKilometresPerHour = Math.Max(0, SpeedKilometresPerHour + step + Noise(random, SpeedKilometresPerHour > 0 ? 1 : 0));
        var metres = SpeedKilometresPerHour / 3.6 * seconds;
        DistanceMetres = (DistanceMetres + metres) % Route.Ring.Length;
        OdometerKilometres += metres / 1000;
        StateOfCharge = Math.Max(0, StateOfCharge - (metres / 1000 * KilowattHoursPerKilometre / BatteryKilowattHours * 100));
        if (ClimateOn)
        {
            StateOfCharge = Math.Max(0, StateOfCharge - (0.0005 * seconds));
        }

        if (StateOfCharge < 15 && SpeedKilometresPerHour < 1)
        {
            Charging = true;
            _targetSpeed = 0;
        }

        if (Charging)
        {
            StateOfCharge = Math.Min(100, StateOfCharge + (0.05 * seconds));
            if (StateOfCharge >= 90)
            {
                Charging = false;
            }
        }

        for (var i = 0; i < TyrePressures.Length; i++)
        {
            TyrePressures[i] = Math.Clamp(TyrePressures[i] + Noise(random, 0.002), 1.8, 3.0);
        }
    }

    /// <summary>Writes the telemetry signals object's members.</summary>
    public void WriteSignals(Utf8JsonWriter writer)
    {
        var (latitude, longitude) = Route.Ring.PositionAt(DistanceMetres);
        writer.WriteNumber("speed", Math.Round(SpeedKilometresPerHour, 1));
        writer.WriteNumber("latitude", Math.Round(latitude, 6));
        writer.WriteNumber("longitude", Math.Round(longitude, 6));
        writer.WriteNumber("odometer", Math.Round(OdometerKilometres, 2));
        writer.WriteNumber("stateOfCharge", Math.Round(StateOfCharge, 2));
        writer.WriteBoolean("charging", Charging);
        writer.WriteBoolean("doorsLocked", DoorsLocked);
        writer.WriteBoolean("climateOn", ClimateOn);
        writer.WriteNumber("tyrePressureFrontLeft", Math.Round(TyrePressures[0], 3));
        writer.WriteNumber("tyrePressureFrontRight", Math.Round(TyrePressures[1], 3));
        writer.WriteNumber("tyrePressureRearLeft", Math.Round(TyrePressures[2], 3));
        writer.WriteNumber("tyrePressureRearRight", Math.Round(TyrePressures[3], 3));
    }

    /// <summary>Writes the reported shadow section's members (the settable state).</summary>
    public void WriteReported(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("doors");
        writer.WriteBoolean("locked", DoorsLocked);
        writer.WriteEndObject();
        writer.WriteStartObject("climate");
        writer.WriteBoolean("on", ClimateOn);
        writer.WriteNumber("targetTemperature", ClimateTargetCelsius);
        writer.WriteEndObject();
    }

    private static double Noise(Random random, double amplitude) => (random.NextDouble() - 0.5) * 2 * amplitude;
}
