using Twins.Actors;

namespace Twins.Bench;

/// <summary>Notifies its subscribers through an <see cref="ObserverManager{TObserver}"/>.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    Task SubscribeAsync(ITickObserver observer);

    Task UnsubscribeAsync(ITickObserver observer);

    /// <summary>Sends ticks <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1 to every subscriber, in one turn.</summary>
    Task TickAsync(int first, int count);
}
