using Microsoft.Extensions.Logging;

namespace Twins.Actors.Tests.Grains;

public sealed class ChatGrain(TimeProvider time, ILogger<ChatGrain> logger) : Grain, IChatGrain
{
    private readonly ObserverManager<IChatObserver> _observers = new(TimeSpan.FromMinutes(1), time, logger);
    private int _count;

    public Task SubscribeAsync(IChatObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IChatObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<int> PublishAsync(string text)
    {
        var greeting = new Greeting(text, ++_count);
        await _observers.NotifyAsync(o => o.ReceiveAsync(greeting));
        return _observers.Count;
    }

    public async Task<int> AnnounceAsync(string text, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var greeting = new Greeting(text, ++_count);
            await _observers.NotifyAsync(o => o.HearAsync(greeting));
        }

        return _observers.Count;
    }

    public Task<int> ShoutAsync(string text)
    {
        var greeting = new Greeting(text, ++_count);
        _observers.Notify(o => o.Shout(greeting));
        return Task.FromResult(_observers.Count);
    }
}
