using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.FleetIndex;

/// <summary>A page of the certificate index.</summary>
/// <param name="Items">The certificates as last indexed, in the query's order.</param>
/// <param name="TotalCount">How many rows match the filter in all (cursors aside).</param>
/// <param name="HasPreviousPage">Whether matching rows come before the page.</param>
/// <param name="HasNextPage">Whether matching rows come after the page.</param>
public sealed record CertificatePage(IReadOnlyList<CertificateInfo> Items, int TotalCount, bool HasPreviousPage, bool HasNextPage);
