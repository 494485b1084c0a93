using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Runtime;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Placement;

/// <summary>Places each call on the owner of its grain under the newest membership view (this silo or a peer).</summary>
/// <remarks>The transport is resolved on first use: it needs the codec, which needs the grain factory, which needs this locator.</remarks>
internal sealed class ClusterGrainLocator(IServiceProvider services) : IGrainLocator
{
    private ClusterTransport? _transport;

    public IGrainCallDestination Locate(GrainId grainId) =>
        (_transport ??= services.GetRequiredService<ClusterTransport>()).Locate(grainId);
}
