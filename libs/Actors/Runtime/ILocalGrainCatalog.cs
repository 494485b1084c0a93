namespace Twins.Actors.Runtime;

/// <summary>This silo's activations, as a destination and for runtime management.</summary>
public interface ILocalGrainCatalog : IGrainCallDestination
{
    /// <summary>Number of live activations (including observer targets).</summary>
    int ActivationCount { get; }

    /// <summary>Whether <paramref name="grainId"/> has a live activation here.</summary>
    bool IsActive(GrainId grainId);

    /// <summary>Deactivates <paramref name="grainId"/> here, if active, and waits until it is gone.</summary>
    Task DeactivateAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken = default);
}
