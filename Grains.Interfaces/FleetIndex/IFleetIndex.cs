using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index: one row per vehicle and one per certificate, written by grains after each state
/// change, read by list, filter, sort and count queries so they never activate grains. Writes are
/// idempotent upserts; each writer touches only its own columns (a vehicle grain its state, a certificate
/// grain its certificate's row and the certificate columns of its vehicle's row).
/// </summary>
public interface IFleetIndex
{
    /// <summary>Writes the columns a vehicle grain owns (and its command counts when given), creating the row if needed.</summary>
    Task UpsertVehicleAsync(FleetVehicleState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="certificate"/>'s row in the certificate index and, when it belongs to a
    /// vehicle, the certificate columns of that vehicle's row (creating it if needed) when the certificate
    /// is the row's current one, the row has none yet, or the certificate is <c>ACTIVE</c> (a newly
    /// activated certificate becomes the current one); so a superseded certificate's later revocation does
    /// not overwrite its successor's status.
    /// </summary>
    Task UpsertCertificateAsync(CertificateInfo certificate, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>One row, or <c>null</c>.</summary>
    Task<FleetIndexEntry?> GetAsync(string thingName, CancellationToken cancellationToken = default);

    /// <summary>A page of the rows matching <paramref name="query"/> (see <see cref="FleetQuery"/>), with the total count of matches.</summary>
    Task<FleetPage> QueryAsync(FleetQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts by connection, current certificate status and command status over the rows <paramref name="scope"/> allows (all when <c>null</c>).</summary>
    Task<FleetCounts> CountAsync(IReadOnlyCollection<string>? scope, CancellationToken cancellationToken = default);

    /// <summary>A page of the certificate index (see <see cref="CertificateQuery"/>), with the total count of matches.</summary>
    Task<CertificatePage> QueryCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts certificates of the vehicles <paramref name="scope"/> allows (all when <c>null</c>) by status,
    /// and the <c>ACTIVE</c> ones whose validity ends before <paramref name="expiringBefore"/>.
    /// </summary>
    Task<CertificateCounts> CountCertificatesAsync(IReadOnlyCollection<string>? scope, DateTimeOffset expiringBefore, CancellationToken cancellationToken = default);
}
