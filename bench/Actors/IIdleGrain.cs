using Twins.Actors;

namespace Twins.Bench;

/// <summary>A grain with one empty persistent state, activated and then left idle.</summary>
public interface IIdleGrain : IGrainWithStringKey
{
    Task TouchAsync();
}
