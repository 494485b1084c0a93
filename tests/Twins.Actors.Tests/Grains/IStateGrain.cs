namespace Twins.Actors.Tests.Grains;

/// <summary>Persistent state, lifecycle and deactivation probes.</summary>
public interface IStateGrain : IGrainWithStringKey
{
    Task<LifecycleState> GetAsync();

    Task SetAsync(int value);

    /// <summary>Changes the state in memory only (never written).</summary>
    Task SetWithoutWriteAsync(int value);

    Task ClearAsync();

    Task<string?> GetETagAsync();

    Task<string> GetActivationIdAsync();

    Task DeactivateAsync();

    Task KeepAliveAsync(TimeSpan duration);
}
