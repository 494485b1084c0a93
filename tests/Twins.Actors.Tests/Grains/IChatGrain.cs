namespace Twins.Actors.Tests.Grains;

public interface IChatGrain : IGrainWithStringKey
{
    Task SubscribeAsync(IChatObserver observer);

    Task UnsubscribeAsync(IChatObserver observer);

    Task<int> PublishAsync(string text);
}
