using Twins.Grains.FleetIndex;

namespace Twins.Silo.Api;

/// <summary>The <c>FleetSummary</c> object: the vehicle counts, and the caller's scope for the certificate counts resolved on demand.</summary>
internal sealed record FleetSummaryModel(IReadOnlyCollection<string>? Scope, FleetCounts Counts);
