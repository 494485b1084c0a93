using Twins.Actors;

namespace Twins.Bench;

/// <summary>A subscriber of <see cref="ITickerGrain"/>: one-way ticks stamped with the sender's <see cref="System.Diagnostics.Stopwatch"/> time.</summary>
public interface ITickObserver : IGrainObserver
{
    [OneWay]
    Task OnTickAsync(int sequence, long sentTimestamp);
}
