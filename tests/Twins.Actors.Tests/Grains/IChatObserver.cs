namespace Twins.Actors.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task ReceiveAsync(Greeting greeting);

    [OneWay]
    Task HearAsync(Greeting greeting);

    void Shout(Greeting greeting);
}
