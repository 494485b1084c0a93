using System.ComponentModel;
using Twins.Actors.Storage;

namespace Twins.Actors.Invocation;

/// <summary>What generated grain factories use while constructing a grain.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainActivationContext
{
    /// <summary>The activation's grain id.</summary>
    GrainId GrainId { get; }

    /// <summary>Creates the named persistent state (read before <see cref="Grain.OnActivateAsync"/>).</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName);
}
