using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Twins.Actors;

namespace Twins.Bench;

internal sealed class TickerGrain(TimeProvider time, ILogger<TickerGrain> logger) : Grain, ITickerGrain
{
    private readonly ObserverManager<ITickObserver> _observers = new(TimeSpan.FromMinutes(5), time, logger);

    public Task SubscribeAsync(ITickObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ITickObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task TickAsync(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            var sequence = i;
            await _observers.NotifyAsync(o => o.OnTickAsync(sequence, Stopwatch.GetTimestamp()));
        }
    }
}
