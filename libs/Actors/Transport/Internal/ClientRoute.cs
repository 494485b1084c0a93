using Twins.Actors.Invocation;
using Twins.Actors.Runtime;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// A cluster client connected to this silo (it said hello on the connection it opened): calls to observers
/// the client hosts go back over that same connection, since a client does not listen.
/// </summary>
internal sealed class ClientRoute(ClusterTransport transport, string clientName, Connection connection) : IGrainCallDestination
{
    public string ClientName { get; } = clientName;

    public Connection Connection { get; } = connection;

    public void Send(GrainRequest request) => transport.SendToClient(this, request);

    public override string ToString() => $"client {ClientName} ({Connection.Peer})";
}
