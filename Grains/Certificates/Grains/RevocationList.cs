using System.Collections.Immutable;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The persisted CRL content: revoked serial numbers with their revocation time.</summary>
/// <param name="Entries">Serial number (hex) → when it was revoked.</param>
public sealed record RevocationList(ImmutableSortedDictionary<string, DateTimeOffset> Entries)
{
    /// <summary>Entries were added since the CRL was last published (the publish reminder is armed).</summary>
    public bool PublishPending { get; init; }

    /// <summary>No revocations.</summary>
    public static RevocationList Empty { get; } = new(ImmutableSortedDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal));
}
