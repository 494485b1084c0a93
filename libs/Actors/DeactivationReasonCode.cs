namespace Twins.Actors;

/// <summary>Why an activation is deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed (constructor, state read or OnActivateAsync threw).</summary>
    ActivationFailed,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>A grain call failed in a way that makes the activation unsafe (a stale ETag).</summary>
    ApplicationError,

    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>The silo holds more activations than allowed; the least recently used go first.</summary>
    CapacityExceeded,

    /// <summary>The runtime asked for it (e.g. the grain moved to another silo).</summary>
    RuntimeRequested,
}
