using Twins.Grains.Telemetry;

namespace Twins.Grains.TelemetrySink;

/// <summary>The time-series store every accepted telemetry sample goes to.</summary>
public interface ITelemetrySink
{
    /// <summary>
    /// Writes one sample of <paramref name="vehicle"/>; completes when it is durable (implementations batch
    /// concurrent writes into one transaction). Writing the same sample again changes nothing.
    /// </summary>
    Task WriteAsync(string vehicle, TelemetrySample sample, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored sample of <paramref name="vehicle"/> whose seq is above <paramref name="afterSeq"/>, in seq order
    /// (the vehicle grain rebuilds its last values from these on activation: they are the durable record of each sample).
    /// </summary>
    Task<IReadOnlyList<TelemetrySample>> ReadSinceAsync(string vehicle, long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>The points of one signal of one vehicle with <paramref name="since"/> ≤ time &lt; <paramref name="until"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TelemetryPoint>> QueryAsync(string vehicle, string signal, DateTimeOffset since, DateTimeOffset until, int limit = 1000, CancellationToken cancellationToken = default);
}
