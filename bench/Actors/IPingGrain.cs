using Twins.Actors;

namespace Twins.Bench;

/// <summary>The smallest grain call: an int in, the same int out.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}
