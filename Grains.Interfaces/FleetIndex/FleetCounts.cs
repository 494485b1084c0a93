namespace Twins.Grains.FleetIndex;

/// <summary>Counts over the fleet index.</summary>
/// <param name="Total">Vehicles in the index.</param>
/// <param name="Connected">Of them connected.</param>
/// <param name="ByCertificateStatus">Vehicles by certificate status (<c>UNKNOWN</c> for rows without one).</param>
public sealed record FleetCounts(int Total, int Connected, IReadOnlyDictionary<string, int> ByCertificateStatus);
