namespace Twins.Grains.Routing;

/// <summary>
/// Spreads things over a fixed number of partitions by the FNV-1a hash of the thing name: the same partition in every
/// process and every run (unlike <see cref="string.GetHashCode()"/>, which is randomized per process), so gateway
/// workers agree on who handles a vehicle and a vehicle's telemetry always lands in the same sink shard.
/// </summary>
public static class ThingPartition
{
    /// <summary>The partition of <paramref name="thingName"/>, in <c>[0, <paramref name="count"/>)</c>.</summary>
    /// <param name="thingName">The thing.</param>
    /// <param name="count">How many partitions there are (at least 1).</param>
    public static int Of(string thingName, int count)
    {
        ArgumentNullException.ThrowIfNull(thingName);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = 2166136261u;
        foreach (var c in thingName)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}
