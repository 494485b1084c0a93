namespace Twins.Grains.FleetIndex;

/// <summary>Counts over the fleet index.</summary>
/// <param name="Total">Vehicles in the index.</param>
/// <param name="Connected">Of them connected.</param>
/// <param name="ByCertificateStatus">Vehicles by their current certificate's status (<c>UNKNOWN</c> for rows without one).</param>
/// <param name="ByCommandStatus">Command executions (those the vehicles' ledgers keep) by status wire name.</param>
public sealed record FleetCounts(int Total, int Connected, IReadOnlyDictionary<string, int> ByCertificateStatus, IReadOnlyDictionary<string, int> ByCommandStatus);
