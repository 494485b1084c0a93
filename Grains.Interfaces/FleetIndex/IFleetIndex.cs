namespace Twins.Grains.FleetIndex;

/// <summary>
/// The fleet index: one row per vehicle, written by grains after each state change, read by list,
/// filter and sort queries so they never activate grains. Writes are idempotent upserts; each writer
/// touches only its own columns (a vehicle grain its state, a certificate grain the certificate's).
/// </summary>
public interface IFleetIndex
{
    /// <summary>Writes the columns a vehicle grain owns, creating the row if needed.</summary>
    Task UpsertVehicleAsync(FleetVehicleState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the certificate columns of <paramref name="thingName"/>'s row (creating it if needed) when
    /// <paramref name="certificateId"/> is the row's current certificate, the row has none yet, or
    /// <paramref name="status"/> is <c>ACTIVE</c> (a newly activated certificate becomes the current one);
    /// so a superseded certificate's later revocation does not overwrite its successor's status.
    /// </summary>
    Task UpsertCertificateAsync(string thingName, string certificateId, string status, DateTimeOffset expiry, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>One row, or <c>null</c>.</summary>
    Task<FleetIndexEntry?> GetAsync(string thingName, CancellationToken cancellationToken = default);

    /// <summary>The rows matching <paramref name="query"/>'s filter in its order, from its offset, at most its limit; with the total count of matches.</summary>
    Task<FleetPage> QueryAsync(FleetQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts by connection and certificate status over the rows <paramref name="scope"/> allows (all when <c>null</c>).</summary>
    Task<FleetCounts> CountAsync(IReadOnlyCollection<string>? scope, CancellationToken cancellationToken = default);
}
