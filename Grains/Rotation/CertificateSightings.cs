using System.Collections.Immutable;

namespace Twins.Grains.Rotation;

/// <summary>Where a certificate is in use, as its grain keeps it to spot security findings.</summary>
/// <param name="OpenSessions">Client id → versionNumber of each session currently connected with the certificate.</param>
/// <param name="DuplicateClientIdDisconnects">Recent DUPLICATE_CLIENTID disconnects, oldest first.</param>
public sealed record CertificateSightings(ImmutableDictionary<string, long> OpenSessions, ImmutableList<DateTimeOffset> DuplicateClientIdDisconnects)
{
    /// <summary>A certificate not seen yet.</summary>
    public static CertificateSightings None { get; } = new(ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal), []);
}
