using System.Net.Sockets;
using Twins.Actors.Invocation;
using Twins.Actors.Membership;
using Twins.Actors.Runtime;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// The one multiplexed connection from this process to one silo (generation), connected on first use and
/// reconnected after it drops. As a call destination it sends requests over that connection.
/// </summary>
internal sealed class PeerLink(ClusterTransport transport, SiloAddress silo) : IGrainCallDestination
{
    private readonly Lock _gate = new();
    private Connection? _connection;
    private Task<Connection>? _connecting;

    public SiloAddress Silo { get; } = silo;

    public Connection? Current
    {
        get
        {
            var connection = Volatile.Read(ref _connection);
            return connection is { IsClosed: false } ? connection : null;
        }
    }

    public void Send(GrainRequest request) => transport.SendRequest(this, request, 0);

    public Task<Connection> ConnectAsync()
    {
        lock (_gate)
        {
            if (_connection is { IsClosed: false } connection)
            {
                return Task.FromResult(connection);
            }

            if (_connecting is null || _connecting.IsCompleted)
            {
                _connecting = ConnectCoreAsync();
            }

            return _connecting;
        }
    }

    public void Closed(Connection connection)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_connection, connection))
            {
                _connection = null;
            }
        }
    }

    private async Task<Connection> ConnectCoreAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(Silo.Host, Silo.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            transport.OnConnectFailed(this, ex);
            throw new SiloUnavailableException($"Silo {Silo} is unreachable: {ex.Message}", ex);
        }

        var connection = new Connection(socket, transport, Silo.ToString()) { Tag = this };
        connection.Start();

        // A client introduces itself before anything else can use the connection, so a grain that calls back
        // an observer passed in the first request already knows where the client is.
        await transport.GreetAsync(connection).ConfigureAwait(false);
        lock (_gate)
        {
            _connection = connection;
        }

        transport.OnConnected(this);
        return connection;
    }

    public override string ToString() => $"link to {Silo}";
}
