using System.Collections.Immutable;
using Twins.Grains.DeviceShadow;

namespace Twins.Grains.Vehicles;

/// <summary>A vehicle's shadows with the fingerprints of its recently accepted updates, persisted together so a redelivered update is recognised.</summary>
/// <param name="Shadows">Classic and named shadows.</param>
/// <param name="RecentUpdates">The last accepted updates (fingerprint, version, timestamp), newest last.</param>
public sealed record ShadowBook(VehicleShadows Shadows, ImmutableList<RecentUpdate> RecentUpdates)
{
    /// <summary>How many update fingerprints are kept.</summary>
    public const int RecentUpdateLimit = 64;

    /// <summary>A vehicle without shadows.</summary>
    public static ShadowBook Empty { get; } = new(VehicleShadows.Empty, []);
}
