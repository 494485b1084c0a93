namespace Twins.Simulator;

/// <summary>A closed loop of waypoints vehicles drive around (a ring road around Wolfsburg), with distances precomputed.</summary>
internal sealed class Route
{
    private const double EarthRadiusMetres = 6_371_000;

    private static readonly (double Latitude, double Longitude)[] Waypoints =
    [
        (52.4227, 10.7865), (52.4312, 10.8049), (52.4290, 10.8321), (52.4178, 10.8466),
        (52.4031, 10.8402), (52.3936, 10.8175), (52.3969, 10.7897), (52.4085, 10.7741),
    ];

    private readonly double[] _cumulative;

    private Route()
    {
        _cumulative = new double[Waypoints.Length + 1];
        for (var i = 0; i < Waypoints.Length; i++)
        {
            var next = Waypoints[(i + 1) % Waypoints.Length];
            _cumulative[i + 1] = _cumulative[i] + Distance(Waypoints[i], next);
        }
    }

    /// <summary>The one route every vehicle shares (each starts at its own offset).</summary>
    public static Route Ring { get; } = new();

    /// <summary>Length of one lap in metres.</summary>
    public double Length => _cumulative[^1];

    /// <summary>The position <paramref name="metres"/> along the loop (wrapping around).</summary>
    public (double Latitude, double Longitude) PositionAt(double metres)
    {
        var d = metres % Length;
        if (d < 0)
        {
            d += Length;
        }

        var i = Array.BinarySearch(_cumulative, d);
        if (i < 0)
        {
            i = ~i - 1;
        }

        i = Math.Clamp(i, 0, Waypoints.Length - 1);
        var from = Waypoints[i];
        var to = Waypoints[(i + 1) % Waypoints.Length];
        var segment = _cumulative[i + 1] - _cumulative[i];
        var t = segment <= 0 ? 0 : (d - _cumulative[i]) / segment;
        return (from.Latitude + ((to.Latitude - from.Latitude) * t), from.Longitude + ((to.Longitude - from.Longitude) * t));
    }

    private static double Distance((double Latitude, double Longitude) a, (double Latitude, double Longitude) b)
    {
        var lat1 = double.DegreesToRadians(a.Latitude);
        var lat2 = double.DegreesToRadians(b.Latitude);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Sqrt(h));
    }
}
