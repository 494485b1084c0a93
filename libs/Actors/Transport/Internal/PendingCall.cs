using Twins.Actors.Invocation;

namespace Twins.Actors.Transport.Internal;

/// <summary>A request sent to another silo (or, for an observer it hosts, to a client) and not yet answered.</summary>
internal sealed class PendingCall(GrainRequest request, PeerLink? peer, int forwards)
{
    public GrainRequest Request { get; } = request;

    /// <summary>The silo it went to; null for a callback to a client over the client's own connection.</summary>
    public PeerLink? Peer { get; } = peer;

    /// <summary>How many "moved" answers this call has followed so far.</summary>
    public int Forwards { get; } = forwards;

    public Connection? Connection { get; set; }

    /// <summary>Where it went, for messages.</summary>
    public string Destination => Peer?.Silo.ToString() ?? Connection?.Peer ?? "?";
}
