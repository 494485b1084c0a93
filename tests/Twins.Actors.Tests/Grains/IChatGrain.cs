namespace Twins.Actors.Tests.Grains;

public interface IChatGrain : IGrainWithStringKey
{
    Task SubscribeAsync(IChatObserver observer);

    Task UnsubscribeAsync(IChatObserver observer);

    /// <summary>Notifies every subscriber (awaiting each answer); returns how many subscribers remain.</summary>
    Task<int> PublishAsync(string text);

    /// <summary>Sends <paramref name="count"/> one-way notifications; returns how many subscribers remain.</summary>
    Task<int> AnnounceAsync(string text, int count);

    /// <summary>Calls the void (one-way) method of every subscriber synchronously; returns how many subscribers remain.</summary>
    Task<int> ShoutAsync(string text);
}
