using Twins.Actors.Invocation;

namespace Twins.Actors.Transport.Internal;

/// <summary>A request sent to another silo and not yet answered.</summary>
internal sealed class PendingCall(GrainRequest request, PeerLink peer, int forwards)
{
    public GrainRequest Request { get; } = request;

    public PeerLink Peer { get; } = peer;

    /// <summary>How many "moved" answers this call has followed so far.</summary>
    public int Forwards { get; } = forwards;

    public Connection? Connection { get; set; }
}
