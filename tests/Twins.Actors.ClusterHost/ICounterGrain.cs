namespace Twins.Actors.ClusterHost;

/// <summary>A grain whose every write goes to storage: the fault test's load.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task SetAsync(int value);

    Task<CounterState> GetAsync();

    Task<int> PingAsync(int value);
}
