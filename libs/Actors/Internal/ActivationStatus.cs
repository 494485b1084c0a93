namespace Twins.Actors.Internal;

/// <summary>Life cycle of an activation.</summary>
internal enum ActivationStatus : byte
{
    /// <summary>Created in the catalog; nothing queued yet.</summary>
    Created,

    /// <summary>Constructing the grain, reading state, running OnActivateAsync.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Waiting for running turns to end, then running OnDeactivateAsync.</summary>
    Deactivating,

    /// <summary>Gone; calls that reach it are re-routed.</summary>
    Invalid,
}
