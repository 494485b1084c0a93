namespace Twins.Grains.FleetIndex;

/// <summary>One certificate sort key.</summary>
/// <param name="Field">The column.</param>
/// <param name="Descending">True for descending (missing values last either way).</param>
public sealed record CertificateOrder(CertificateSortField Field, bool Descending = false);
