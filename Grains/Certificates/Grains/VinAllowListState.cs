using System.Collections.Immutable;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The persisted allow-list: normalized VINs.</summary>
/// <param name="Vins">Upper-case letters and digits only.</param>
public sealed record VinAllowListState(ImmutableSortedSet<string> Vins)
{
    /// <summary>No VINs.</summary>
    public static VinAllowListState Empty { get; } = new(ImmutableSortedSet.Create<string>(StringComparer.Ordinal));
}
