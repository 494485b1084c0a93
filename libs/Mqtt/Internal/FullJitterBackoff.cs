namespace Twins.Mqtt.Internal;

/// <summary>Exponential backoff with full jitter: a delay drawn uniformly from [0, min(max, min × 2^attempt)].</summary>
internal sealed class FullJitterBackoff(TimeSpan minimum, TimeSpan maximum, Random random)
{
    public TimeSpan Ceiling(int attempt)
    {
        var exponent = Math.Min(attempt, 30);
        var ceiling = minimum.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(maximum.TotalMilliseconds, ceiling));
    }

    public TimeSpan Next(int attempt) => TimeSpan.FromMilliseconds(random.NextDouble() * Ceiling(attempt).TotalMilliseconds);
}
