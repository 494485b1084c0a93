using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Twins.Actors.Internal;
using Twins.Actors.Invocation;
using Twins.Actors.Membership;
using Twins.Actors.Membership.Internal;
using Twins.Actors.Placement;
using Twins.Actors.Runtime;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// Calls between silos (and from clients): routes each request to its owner under the newest view,
/// keeps one multiplexed connection per peer, correlates answers, follows "moved" answers a bounded number
/// of times, fails calls that outlive the call timeout, and serves the requests other processes send here.
/// Observer calls are routed by the host named in the observer's id: this process, a silo of the view, or a
/// client connected here (a client says hello on every connection it opens, and calls to its observers go
/// back over that connection); a host that is gone fails the call at once.
/// </summary>
internal sealed partial class ClusterTransport : IFrameHandler, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<SiloAddress, PeerLink> _peers = new();
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<Connection, byte> _inbound = new();
    private readonly ConcurrentDictionary<string, ClientRoute> _clients = new(StringComparer.Ordinal);
    private readonly MembershipAgent _membership;
    private readonly ILocalGrainCatalog? _catalog;
    private readonly GrainCodec _codec;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _callTimeout;
    private readonly int _maxForwards;
    private readonly string _localName;
    private readonly bool _isClient;
    private Socket? _listener;
    private ITimer? _sweep;
    private long _nextId;
    private long _protocolErrors;
    private long _forwarded;
    private int _serving;
    private bool _disposed;

    /// <summary>
    /// Creates the transport of a silo, or with <paramref name="isClient"/> of a cluster client, whose
    /// <paramref name="catalog"/> then serves only the observers the client created.
    /// </summary>
    public ClusterTransport(MembershipAgent membership, ILocalGrainCatalog? catalog, GrainCodec codec, TimeProvider time, ILogger<ClusterTransport> logger, TimeSpan callTimeout, int maxForwards, string localName, bool isClient = false)
    {
        _isClient = isClient;
        _membership = membership;
        _catalog = catalog;
        _codec = codec;
        _time = time;
        _logger = logger;
        _callTimeout = callTimeout;
        _maxForwards = maxForwards;
        _localName = localName;
        var check = TimeSpan.FromTicks(Math.Clamp(callTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));
        _sweep = time.CreateTimer(static s => ((ClusterTransport)s!).FailTimedOutCalls(), this, check, check);
        membership.ViewChanged += OnViewChanged;
    }

    /// <summary>Calls answered "moved" and sent again.</summary>
    public long ForwardedCalls => Interlocked.Read(ref _forwarded);

    /// <summary>Frames that could not be parsed.</summary>
    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Calls sent and not yet answered.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Names of the clients connected here that can receive observer calls.</summary>
    public ICollection<string> ConnectedClients => _clients.Keys;

    /// <summary>
    /// Waits (up to <paramref name="timeout"/> of real time: it waits for sockets, not for the clock) until no
    /// call sent from here is unanswered and every call served here has been answered.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var step = TimeSpan.FromMilliseconds(5);
        for (var waited = TimeSpan.Zero; waited < timeout && (!_pending.IsEmpty || Volatile.Read(ref _serving) > 0); waited += step)
        {
            await Task.Delay(step).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After this silo left: keeps answering ("moved") until every peer has seen the new view and closed its
    /// connection here, so no call in flight is cut off (bounded by <paramref name="timeout"/> of real time).
    /// </summary>
    public async Task WaitForPeersToDisconnectAsync(TimeSpan timeout)
    {
        var step = TimeSpan.FromMilliseconds(5);
        for (var waited = TimeSpan.Zero; waited < timeout && !_inbound.IsEmpty; waited += step)
        {
            await Task.Delay(step).ConfigureAwait(false);
        }
    }

    /// <summary>Starts accepting connections; returns the port (useful when 0 asked for a free one).</summary>
    public int Listen(string host, int port)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Any;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen(512);
        _listener = listener;
        _ = AcceptLoopAsync(listener);
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Stops accepting connections and closes the ones accepted (callers see their connections drop).</summary>
    public void StopListening()
    {
        _listener?.Dispose();
        _listener = null;
        foreach (var connection in _inbound.Keys)
        {
            // Answers already queued still reach their callers.
            _ = connection.CloseAfterFlushAsync();
        }
    }

    /// <summary>The destination of <paramref name="grainId"/> under the current view.</summary>
    public IGrainCallDestination Locate(GrainId grainId)
    {
        if (!_membership.IsServing)
        {
            return new FailingDestination(new SiloUnavailableException($"Silo {_membership.LocalSilo} stopped serving (declared dead or cut off from the membership table)."));
        }

        if (grainId.Type == Catalog.ObserverType)
        {
            return LocateObserver(grainId, forwarding: false);
        }

        var view = _membership.CurrentView;
        var owner = RendezvousPlacement.Owner(grainId, view.ActiveSilos);
        if (owner is null)
        {
            return new FailingDestination(new SiloUnavailableException($"No active silo in membership view {view.Version}; {grainId} cannot be placed."));
        }

        return owner == _membership.LocalSilo && _catalog is not null ? _catalog : Peer(owner);
    }

    public PeerLink Peer(SiloAddress silo) => _peers.GetOrAdd(silo, static (s, t) => new PeerLink(t, s), this);

    /// <summary>Sends <paramref name="request"/> to <paramref name="peer"/>, having followed <paramref name="forwards"/> "moved" answers.</summary>
    public void SendRequest(PeerLink peer, GrainRequest request, int forwards)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCall(request, peer, forwards);
        _pending[id] = pending;
        _ = SendRequestAsync(id, pending);
    }

    /// <summary>Sends a call to an observer hosted by a client back over the connection the client opened here.</summary>
    public void SendToClient(ClientRoute route, GrainRequest request)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingCall(request, null, 0) { Connection = route.Connection };
        _pending[id] = pending;
        _ = SendRequestAsync(id, pending);
    }

    /// <summary>
    /// Opens the links to every Active silo of the current view and waits for them (a silo that cannot be
    /// reached is skipped: the link retries in the background). A client calls this on start, so every silo
    /// can call back its observers from then on.
    /// </summary>
    public async Task ConnectToActiveSilosAsync()
    {
        var self = _membership.LocalSilo;
        var links = _membership.CurrentView.ActiveSilos.Where(s => s != self).Select(s => Peer(s).ConnectAsync()).ToArray();
        try
        {
            await Task.WhenAll(links).ConfigureAwait(false);
        }
        catch (SiloUnavailableException)
        {
            // Reconnects are scheduled for silos that are still Active.
        }
    }

    /// <summary>A client's first frame on a connection it opened: its name (a silo sends nothing).</summary>
    public async Task GreetAsync(Connection connection)
    {
        if (!_isClient)
        {
            return;
        }

        var buffer = FrameBuffer.Rent();
        buffer.BeginFrame(FrameType.Hello, 0);
        buffer.WriteString(_localName);
        buffer.EndFrame();
        var frame = buffer.Written.ToArray();
        FrameBuffer.Return(buffer);
        await connection.SendAsync(frame).ConfigureAwait(false);
    }

    private async Task SendRequestAsync(long id, PendingCall pending)
    {
        var request = pending.Request;
        Connection connection;
        try
        {
            connection = pending.Peer is null
                ? pending.Connection!
                : pending.Peer.Current ?? await pending.Peer.ConnectAsync().ConfigureAwait(false);
        }
        catch (SiloUnavailableException ex) when (pending.Peer is not null)
        {
            // Nothing was sent, so trying another silo is safe: the view may have moved on (a silo that
            // left, or one that died and is about to be declared dead).
            if (_pending.TryRemove(id, out _))
            {
                await RetryUnsentAsync(pending, ex).ConfigureAwait(false);
            }

            return;
        }

        var buffer = FrameBuffer.Rent();
        try
        {
            buffer.BeginFrame(FrameType.Request, id);
            buffer.WriteInt64(_membership.CurrentView.Version);
            buffer.WriteInt64(pending.Peer?.Silo.Generation ?? 0);
            buffer.WriteString(request.TargetId.ToString());
            buffer.WriteString(request.InterfaceType.FullName ?? request.InterfaceType.Name);
            buffer.WriteInt32(request.MethodId);
            var json = buffer.Json();
            request.WriteArguments(json, _codec);
            json.Flush();
            buffer.EndFrame();
        }
#pragma warning disable CA1031 // an argument that cannot be serialized fails its call, nothing else
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FrameBuffer.Return(buffer);
            Fail(id, ex);
            return;
        }

        pending.Connection = connection;
        try
        {
            await connection.SendAsync(buffer.Written).ConfigureAwait(false);
            if (request.IsOneWay && _pending.TryRemove(id, out _))
            {
                // No answer will come: the call is done once it is on its way.
                request.TrySetDelivered();
            }
        }
        catch (SiloUnavailableException ex)
        {
            Fail(id, pending.Peer is null ? new ClientNotAvailableException($"Client connection {connection.Peer} closed before {request} was sent.", ex) : ex);
        }
        finally
        {
            FrameBuffer.Return(buffer);
        }
    }

    private async Task RetryUnsentAsync(PendingCall pending, SiloUnavailableException error)
    {
        try
        {
            await _membership.RefreshAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // decide with the view we have
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var destination = Locate(pending.Request.TargetId);
        if (pending.Forwards + 1 > _maxForwards || destination is PeerLink { } same && same.Silo == pending.Peer!.Silo)
        {
            pending.Request.TrySetException(error);
        }
        else if (destination is PeerLink peer)
        {
            SendRequest(peer, pending.Request, pending.Forwards + 1);
        }
        else
        {
            destination.Send(pending.Request);
        }
    }

    private void Fail(long id, Exception error)
    {
        if (_pending.TryRemove(id, out var pending))
        {
            pending.Request.TrySetException(error);
        }
    }

    public void OnFrame(Connection connection, FrameType type, long id, in ReadOnlySequence<byte> body)
    {
        try
        {
            switch (type)
            {
                case FrameType.Request:
                    Serve(connection, id, body);
                    break;
                case FrameType.Response:
                    if (_pending.TryRemove(id, out var answered))
                    {
                        var reader = new Utf8JsonReader(body);
                        try
                        {
                            answered.Request.SetResult(ref reader, _codec);
                        }
                        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException)
                        {
                            answered.Request.TrySetException(ex);
                        }
                    }

                    break;
                case FrameType.Error:
                    if (_pending.TryRemove(id, out var failed))
                    {
                        var reader = new SequenceReader<byte>(body);
                        var typeName = FrameReader.ReadString(ref reader);
                        var message = FrameReader.ReadString(ref reader);
                        failed.Request.TrySetException(RemoteExceptions.Create(typeName, message));
                    }

                    break;
                case FrameType.Moved:
                    if (_pending.TryRemove(id, out var moved))
                    {
                        var reader = new SequenceReader<byte>(body);
                        _ = FollowMovedAsync(moved, ReadView(ref reader));
                    }

                    break;
                case FrameType.Hello:
                    OnHello(connection, body);
                    break;
                case FrameType.ViewNotice:
                    {
                        var reader = new SequenceReader<byte>(body);
                        if (FrameReader.ReadInt64(ref reader) > _membership.CurrentView.Version)
                        {
                            _ = _membership.RefreshInBackgroundAsync();
                        }

                        break;
                    }

                default:
                    throw new InvalidDataException($"Unknown frame type {(byte)type}.");
            }
        }
        catch (InvalidDataException ex)
        {
            Interlocked.Increment(ref _protocolErrors);
            LogProtocolError(connection.Peer, ex.Message);
            connection.Close(ex);
        }
    }

    public void OnClosed(Connection connection, Exception? error)
    {
        _inbound.TryRemove(connection, out _);
        if (connection.Tag is ClientRoute route && _clients.TryRemove(new KeyValuePair<string, ClientRoute>(route.ClientName, route)))
        {
            LogClientDisconnected(route.ClientName, connection.Peer);
        }

        var peer = connection.Tag as PeerLink;
        peer?.Closed(connection);
        foreach (var (id, pending) in _pending)
        {
            if (ReferenceEquals(pending.Connection, connection))
            {
                var reason = error is null ? "" : $" ({error.Message})";
                Fail(id, peer is null
                    ? new ClientNotAvailableException($"The connection to client {connection.Peer} closed before it answered {pending.Request}.{reason}")
                    : new SiloUnavailableException($"The connection to silo {peer.Silo} closed before it answered {pending.Request}.{reason}"));
            }
        }

        if (peer is not null && !_disposed && _membership.CurrentView.StatusOf(peer.Silo) is SiloStatus.Active)
        {
            LogLinkDown(peer.Silo, error?.Message ?? "closed");
            ScheduleReconnect(peer);
        }
    }

    public void OnConnected(PeerLink peer) => _membership.ReportReachable(peer.Silo);

    public void OnConnectFailed(PeerLink peer, Exception error)
    {
        if (error is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            _membership.ReportRefused(peer.Silo);
        }

        if (!_disposed && _membership.CurrentView.StatusOf(peer.Silo) is SiloStatus.Active)
        {
            ScheduleReconnect(peer);
        }
    }

    /// <summary>Tells every connected peer that this process's view moved to <paramref name="version"/> (one-way).</summary>
    public void BroadcastViewNotice(long version)
    {
        var buffer = FrameBuffer.Rent();
        buffer.BeginFrame(FrameType.ViewNotice, 0);
        buffer.WriteInt64(version);
        buffer.EndFrame();
        var frame = buffer.Written.ToArray();
        FrameBuffer.Return(buffer);
        foreach (var peer in _peers.Values)
        {
            if (peer.Current is { } connection)
            {
                _ = SendQuietlyAsync(connection, frame);
            }
        }

        foreach (var connection in _inbound.Keys)
        {
            _ = SendQuietlyAsync(connection, frame);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _membership.ViewChanged -= OnViewChanged;
        _sweep?.Dispose();
        _sweep = null;
        StopListening();
        foreach (var peer in _peers.Values)
        {
            peer.Current?.Close();
        }

        foreach (var (id, _) in _pending)
        {
            Fail(id, new SiloUnavailableException("This process is shutting down its cluster transport."));
        }
    }

    /// <summary>
    /// Where the observer <paramref name="grainId"/> (<c>observer/{guid}@{host}</c>) is served: here when this
    /// process hosts it, else the silo or connected client named as its host. A client that is not connected
    /// here is tried through one other silo (clients link to every silo they know of); a process asked to pass
    /// a call on (<paramref name="forwarding"/>) never passes it further, so a gone client fails after one hop.
    /// </summary>
    private IGrainCallDestination LocateObserver(GrainId grainId, bool forwarding)
    {
        var at = grainId.Key.LastIndexOf('@');
        var host = at < 0 ? "" : grainId.Key[(at + 1)..];
        if (host == _localName && _catalog is not null)
        {
            return _catalog;
        }

        var view = _membership.CurrentView;
        if (view.FindByName(host) is { } silo && silo != _membership.LocalSilo)
        {
            return Peer(silo);
        }

        if (_clients.TryGetValue(host, out var client))
        {
            return client;
        }

        if (view.Entries.Any(e => e.SiloName == host))
        {
            return new FailingDestination(new SiloUnavailableException($"Observer {grainId} lives on silo '{host}', which is not in the cluster any more."));
        }

        // A client not connected here: another silo may have its link (a client links to every silo, but
        // only after it has seen a view with this one in it). One hop, never further.
        var self = _membership.LocalSilo;
        if (!forwarding && RendezvousPlacement.Owner(grainId, self is null ? view.ActiveSilos : view.ActiveSilos.Where(s => s != self).ToArray()) is { } gateway)
        {
            return Peer(gateway);
        }

        return new FailingDestination(new ClientNotAvailableException($"Observer {grainId} lives on client '{host}', which is not connected to {(_isClient ? "this client" : $"silo {_localName}")}."));
    }

    private void OnHello(Connection connection, in ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        var name = FrameReader.ReadString(ref reader);
        if (_isClient || name.Length is 0 or > 256 || name == _localName || connection.Tag is PeerLink)
        {
            throw new InvalidDataException($"Unexpected hello from '{name}'.");
        }

        var route = new ClientRoute(this, name, connection);
        connection.Tag = route;
        _clients[name] = route;
        LogClientConnected(name, connection.Peer);
    }

    private async Task FollowMovedAsync(PendingCall moved, MembershipSnapshot answererView)
    {
        var before = _membership.CurrentView.Version;
        _membership.Adopt(answererView);
        if (_membership.CurrentView.Version <= before)
        {
            // The answerer knows no newer view than ours yet disagrees: ours may be stale in a way its
            // version does not show (a restarted silo); read the table before trying again.
            try
            {
                await _membership.RefreshAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // the retry below fails the call with a clear error if the view stays wrong
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        Interlocked.Increment(ref _forwarded);
        if (moved.Forwards + 1 > _maxForwards)
        {
            moved.Request.TrySetException(new SiloUnavailableException($"{moved.Request} was answered \"moved\" {moved.Forwards + 1} times; the cluster's view is changing too fast (last view {_membership.CurrentView})."));
            return;
        }

        var destination = Locate(moved.Request.TargetId);
        if (destination is PeerLink peer)
        {
            SendRequest(peer, moved.Request, moved.Forwards + 1);
        }
        else
        {
            destination.Send(moved.Request);
        }
    }

    private void Serve(Connection connection, long id, in ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        var callerVersion = FrameReader.ReadInt64(ref reader);
        var generation = FrameReader.ReadInt64(ref reader);
        var target = FrameReader.ReadString(ref reader);
        var interfaceName = FrameReader.ReadString(ref reader);
        var methodId = FrameReader.ReadInt32(ref reader);
        GrainRequest request;
        GrainId grainId;
        try
        {
            if (!GrainId.TryParse(target, out grainId))
            {
                throw new InvalidDataException($"'{target}' is not a grain id.");
            }

            var registration = GrainInterfaceRegistry.Find(interfaceName)
                ?? throw new InvalidOperationException($"Grain interface '{interfaceName}' is not known on silo {_membership.LocalSilo}.");
            request = registration.CreateRequest(methodId);
            var json = new Utf8JsonReader(reader.UnreadSequence);
            request.ReadArguments(ref json, _codec);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Interlocked.Increment(ref _protocolErrors);
            LogBadRequest(connection.Peer, ex.Message);
            _ = SendErrorAsync(connection, id, ex);
            return;
        }

        request.Prepare(grainId, _time.GetTimestamp());
        if (grainId.Type != Catalog.ObserverType && callerVersion > _membership.CurrentView.Version)
        {
            _ = RefreshThenDispatchAsync(connection, id, request);
        }
        else
        {
            Dispatch(connection, id, request);
        }
    }

    private async Task RefreshThenDispatchAsync(Connection connection, long id, GrainRequest request)
    {
        try
        {
            await _membership.RefreshAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // decide with the view we have; the caller retries if it was wrong
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        Dispatch(connection, id, request);
    }

    private void Dispatch(Connection connection, long id, GrainRequest request)
    {
        var local = _membership.LocalSilo;
        var grainId = request.TargetId;
        IGrainCallDestination destination;
        if (grainId.Type == Catalog.ObserverType && _membership.IsServing)
        {
            // Observers are not placed: served here when this process hosts them, otherwise passed on to the
            // silo or client that does, in the order they arrived.
            destination = LocateObserver(grainId, forwarding: true);
        }
        else if (!_membership.IsServing || _catalog is null || local is null || _isClient)
        {
            _ = SendErrorAsync(connection, id, new SiloUnavailableException($"{(_isClient ? "Client" : "Silo")} {local?.ToString() ?? _localName} is not serving grain calls."));
            return;
        }
        else
        {
            var view = _membership.CurrentView;
            if (RendezvousPlacement.Owner(grainId, view.ActiveSilos) != local)
            {
                _ = SendMovedAsync(connection, id, view);
                return;
            }

            destination = _catalog;
        }

        if (request.IsOneWay)
        {
            // Nobody waits for an answer; a failure stays here.
            destination.Send(request);
            return;
        }

        Interlocked.Increment(ref _serving);
        destination.Send(request);
        var response = request.ResponseTask!;
        if (response.IsCompleted)
        {
            _ = SendAnswerAsync(connection, id, request);
        }
        else
        {
            response.GetAwaiter().UnsafeOnCompleted(() => _ = SendAnswerAsync(connection, id, request));
        }
    }

    private Task SendAnswerAsync(Connection connection, long id, GrainRequest request)
    {
        Interlocked.Decrement(ref _serving);
        var response = request.ResponseTask!;
        if (!response.IsCompletedSuccessfully)
        {
            var error = response.Exception?.InnerException ?? new TaskCanceledException($"{request} was canceled.");
            return SendErrorAsync(connection, id, error);
        }

        var buffer = FrameBuffer.Rent();
        try
        {
            buffer.BeginFrame(FrameType.Response, id);
            var json = buffer.Json();
            request.WriteResult(json, _codec);
            json.Flush();
            buffer.EndFrame();
        }
#pragma warning disable CA1031 // a result that cannot be serialized fails the call
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FrameBuffer.Return(buffer);
            return SendErrorAsync(connection, id, ex);
        }

        return SendAndReturnAsync(connection, buffer);
    }

    private static Task SendErrorAsync(Connection connection, long id, Exception error)
    {
        var buffer = FrameBuffer.Rent();
        buffer.BeginFrame(FrameType.Error, id);
        buffer.WriteString(error.GetType().FullName ?? error.GetType().Name);
        buffer.WriteString(error.Message);
        buffer.EndFrame();
        return SendAndReturnAsync(connection, buffer);
    }

    private static Task SendMovedAsync(Connection connection, long id, MembershipView view)
    {
        var buffer = FrameBuffer.Rent();
        buffer.BeginFrame(FrameType.Moved, id);
        buffer.WriteInt64(view.Version);
        buffer.WriteInt32(view.Entries.Count);
        foreach (var entry in view.Entries)
        {
            buffer.WriteString(entry.Silo.ToString());
            buffer.WriteString(entry.SiloName);
            buffer.WriteByte((byte)entry.Status);
        }

        buffer.EndFrame();
        return SendAndReturnAsync(connection, buffer);
    }

    private static MembershipSnapshot ReadView(ref SequenceReader<byte> reader)
    {
        var version = FrameReader.ReadInt64(ref reader);
        var count = FrameReader.ReadInt32(ref reader);
        if (count < 0 || count > 100_000)
        {
            throw new InvalidDataException($"A view of {count} silos is not plausible.");
        }

        var entries = new List<MembershipEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var address = FrameReader.ReadString(ref reader);
            var name = FrameReader.ReadString(ref reader);
            var status = (SiloStatus)FrameReader.ReadByte(ref reader);
            SiloAddress silo;
            try
            {
                silo = SiloAddress.Parse(address);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException(ex.Message, ex);
            }

            entries.Add(new MembershipEntry { Silo = silo, SiloName = name, Status = status, HeartbeatAt = default, StartedAt = default });
        }

        return new MembershipSnapshot(version, entries);
    }

    private static async Task SendAndReturnAsync(Connection connection, FrameBuffer buffer)
    {
        try
        {
            await connection.SendAsync(buffer.Written).ConfigureAwait(false);
        }
        catch (SiloUnavailableException)
        {
            // The caller's connection is gone; it fails the call on its side.
        }
        finally
        {
            FrameBuffer.Return(buffer);
        }
    }

    private static async Task SendQuietlyAsync(Connection connection, byte[] frame)
    {
        try
        {
            await connection.SendAsync(frame).ConfigureAwait(false);
        }
        catch (SiloUnavailableException)
        {
            // A notice is best effort: the peer also polls the table.
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = new Connection(socket, this, socket.RemoteEndPoint?.ToString() ?? "?");
            _inbound[connection] = 0;
            connection.Start();
        }
    }

    private void ScheduleReconnect(PeerLink peer)
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            timer?.Dispose();
            if (!_disposed && peer.Current is null && _membership.CurrentView.StatusOf(peer.Silo) is SiloStatus.Active)
            {
                _ = peer.ConnectAsync().ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }, null, ReconnectDelay, Timeout.InfiniteTimeSpan);
    }

    private void OnViewChanged(MembershipView view)
    {
        foreach (var silo in _peers.Keys)
        {
            if (view.StatusOf(silo) is SiloStatus.Dead or SiloStatus.None && _peers.TryRemove(silo, out var gone))
            {
                _ = CloseWhenIdleAsync(gone);
            }
        }

        // A silo keeps a link to every Active peer, not only to those it happens to call: a peer killed
        // outright then shows as a dropped link whose reconnects are refused, and is declared dead after
        // LinkDeathTimeout instead of the full DeathTimeout even when only clients were calling it.
        // A client links to every Active silo too, so any silo can call back the observers it hosts.
        var self = _membership.LocalSilo;
        if (!_disposed && (_isClient || (_catalog is not null && self is not null)))
        {
            foreach (var silo in view.ActiveSilos)
            {
                if (silo != self && Peer(silo) is { Current: null } link)
                {
                    _ = link.ConnectAsync().ContinueWith(static t => t.Exception, TaskScheduler.Default);
                }
            }
        }
    }

    /// <summary>Closes a link to a silo that left once the calls still out on it were answered (it answers them before it goes).</summary>
    private async Task CloseWhenIdleAsync(PeerLink link)
    {
        var step = TimeSpan.FromMilliseconds(5);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(5) && _pending.Values.Any(p => ReferenceEquals(p.Peer, link)); waited += step)
        {
            await Task.Delay(step).ConfigureAwait(false);
        }

        link.Current?.Close();
    }

    private void FailTimedOutCalls()
    {
        var sentBefore = _time.GetTimestamp() - (long)(_callTimeout.TotalSeconds * _time.TimestampFrequency);
        foreach (var (id, pending) in _pending)
        {
            if (pending.Request.SentTimestamp <= sentBefore)
            {
                Fail(id, new TimeoutException($"{pending.Request.InterfaceType.Name}.{pending.Request.MethodName} on {pending.Request.TargetId} ({pending.Destination}) did not answer within {_callTimeout.TotalSeconds:0.###} s."));
            }
        }
    }

    [LoggerMessage(400, LogLevel.Warning, "Protocol error from {Peer}: {Message}; closing the connection")]
    private partial void LogProtocolError(string peer, string message);

    [LoggerMessage(401, LogLevel.Warning, "Bad request from {Peer}: {Message}")]
    private partial void LogBadRequest(string peer, string message);

    [LoggerMessage(402, LogLevel.Information, "Connection to silo {Silo} lost ({Reason}); reconnecting")]
    private partial void LogLinkDown(SiloAddress silo, string reason);

    [LoggerMessage(403, LogLevel.Debug, "Client {Client} connected from {Peer}; it can receive observer calls")]
    private partial void LogClientConnected(string client, string peer);

    [LoggerMessage(404, LogLevel.Debug, "Client {Client} ({Peer}) disconnected; calls to its observers fail until it connects again")]
    private partial void LogClientDisconnected(string client, string peer);
}
