using System.Collections.Immutable;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The persisted allow-list: normalized VINs.</summary>
/// <param name="Vins">Upper-case letters and digits only.</param>
public sealed record VinAllowListState(ImmutableSortedSet<string> Vins)
{
    /// <summary>No VINs.</summary>
    public static VinAllowListState Empty { get; } = new(ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    /// <summary>
    /// Every VIN ever added from configuration (<c>Certificates:AllowedVins</c>), so that each is added once:
    /// a VIN an operator removed later stays removed across restarts while it is still configured.
    /// </summary>
    public ImmutableSortedSet<string>? Configured { get; init; }

    /// <summary>
    /// Adds the configured VINs not added from configuration before; <paramref name="added"/> counts those
    /// that were not on the list. Returns this instance when there is nothing new (no write needed).
    /// </summary>
    /// <exception cref="ArgumentException">A configured value is not a VIN.</exception>
    public VinAllowListState WithConfigured(IEnumerable<string> configured, out int added)
    {
        ArgumentNullException.ThrowIfNull(configured);
        added = 0;
        var seen = Configured ?? ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        var fresh = configured
            .Select(v => VehicleNames.NormalizeVin(v) ?? throw new ArgumentException($"Certificates:AllowedVins: '{v}' is not a VIN.", nameof(configured)))
            .Where(v => !seen.Contains(v))
            .ToList();
        if (fresh.Count == 0)
        {
            return this;
        }

        added = fresh.Count(v => !Vins.Contains(v));
        return new VinAllowListState(Vins.Union(fresh)) { Configured = seen.Union(fresh) };
    }
}
