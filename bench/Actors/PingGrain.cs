using Twins.Actors;

namespace Twins.Bench;

/// <summary>Answers synchronously, so the benchmark measures the runtime, not the grain.</summary>
internal sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value);
}
