namespace Twins.Actors.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    Task StopAsync();

    Task<int> GetTicksAsync();

    Task WaitAsync();
}
