namespace Twins.Grains.WakeUp;

/// <summary>Wakes an offline vehicle that has a command waiting (the seed's SMS-to-SIM wake-up), pluggable per deployment.</summary>
public interface IWakeUpNotifier
{
    /// <summary>Asks for <paramref name="vehicle"/> to be woken because of <paramref name="executionId"/>; failures are logged, not thrown.</summary>
    Task RequestWakeUpAsync(string vehicle, string executionId, CancellationToken cancellationToken = default);
}
