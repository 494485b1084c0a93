namespace Twins.Grains.FleetIndex;

/// <summary>Counts over the certificate index.</summary>
/// <param name="Total">Certificates of the vehicles in scope.</param>
/// <param name="ByStatus">By status wire name.</param>
/// <param name="Expiring">ACTIVE certificates whose validity ends before the given time.</param>
public sealed record CertificateCounts(int Total, IReadOnlyDictionary<string, int> ByStatus, int Expiring);
