namespace Twins.Actors.Tests.Grains;

/// <summary>Probes turn scheduling: concurrency, blocking calls, interleaving attributes.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Increments a concurrency counter, yields, decrements; returns the highest concurrency seen.</summary>
    Task<int> EnterAsync();

    Task WaitAsync();

    Task PingAsync();

    [ReadOnly]
    Task ReadOnlyWaitAsync();

    [ReadOnly]
    Task ReadOnlyPingAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetLogAsync();

    Task<int> ThrowAsync(string message);

    Task<int> CountAsync();

    /// <summary>Calls another turn grain and returns what it answered.</summary>
    Task<int> CountOtherAsync(string key);
}
