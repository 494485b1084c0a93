using Twins.Actors.Internal;
using Twins.Actors.Membership;

namespace Twins.Actors.Placement;

/// <summary>Ownership under the current view: this silo is the rendezvous winner among the active silos.</summary>
internal sealed class ClusterGrainOwnership(IClusterMembership membership) : IGrainOwnership
{
    public bool IsLocal(GrainId grainId)
    {
        var local = membership.LocalSilo;
        return local is not null && membership.IsServing && RendezvousPlacement.Owner(grainId, membership.CurrentView.ActiveSilos) == local;
    }
}
