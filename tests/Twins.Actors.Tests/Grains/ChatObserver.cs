namespace Twins.Actors.Tests.Grains;

public sealed class ChatObserver : IChatObserver
{
    private readonly List<Greeting> _received = [];

    public IReadOnlyList<Greeting> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_received)
            {
                return _received.Count;
            }
        }
    }

    public Task ReceiveAsync(Greeting greeting)
    {
        lock (_received)
        {
            _received.Add(greeting);
        }

        return Task.CompletedTask;
    }

    public Task HearAsync(Greeting greeting) => ReceiveAsync(greeting);

    public void Shout(Greeting greeting) => ReceiveAsync(greeting);
}
