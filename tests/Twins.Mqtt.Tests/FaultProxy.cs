using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Twins.Mqtt.Tests;

/// <summary>
/// A TCP proxy between a client and the broker that understands MQTT framing: it records every
/// packet in both directions and can cut the connection just before or just after forwarding a
/// chosen packet, or silently stop forwarding (a dead link). Test-only.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _sockets = [];
    private readonly Task _acceptLoop;
    private readonly Lock _gate = new();
    private (ProxyDirection Direction, byte PacketType, bool AfterForward)? _cut;
    private int _connections;

    public FaultProxy(int brokerPort)
    {
        _brokerPort = brokerPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Connections accepted so far (a reconnect makes it 2).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every packet seen, in order per direction.</summary>
    public ConcurrentQueue<(ProxyDirection Direction, byte[] Frame)> Frames { get; } = new();

    /// <summary>Stop forwarding in both directions but keep the sockets open: the link looks alive to TCP but is dead.</summary>
    public volatile bool BlackHole;

    /// <summary>Cuts the connection once, at the next packet of <paramref name="packetType"/> going <paramref name="direction"/>.</summary>
    public void CutOnce(ProxyDirection direction, byte packetType, bool afterForward)
    {
        lock (_gate)
        {
            _cut = (direction, packetType, afterForward);
        }
    }

    public bool CutPending
    {
        get
        {
            lock (_gate)
            {
                return _cut is not null;
            }
        }
    }

    /// <summary>Cuts every open connection now.</summary>
    public void CutAll()
    {
        foreach (var socket in _sockets)
        {
            Close(socket);
        }
    }

    public static byte TypeOf(byte[] frame) => (byte)(frame[0] >> 4);

    public IEnumerable<byte[]> FramesOf(ProxyDirection direction, byte packetType) =>
        Frames.Where(f => f.Direction == direction && TypeOf(f.Frame) == packetType).Select(f => f.Frame);

    /// <summary>The topic of a PUBLISH frame (empty when a topic alias replaced it).</summary>
    public static string TopicOf(byte[] frame)
    {
        var i = 1;
        while ((frame[i] & 0x80) != 0)
        {
            i++;
        }

        i++;
        var length = (frame[i] << 8) | frame[i + 1];
        return System.Text.Encoding.UTF8.GetString(frame, i + 2, length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await upstream.ConnectAsync(IPAddress.Loopback, _brokerPort, _stop.Token);
            client.NoDelay = true;
            _sockets.Add(client);
            _sockets.Add(upstream);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => PumpAsync(client, upstream, ProxyDirection.ToBroker));
            _ = Task.Run(() => PumpAsync(upstream, client, ProxyDirection.ToClient));
        }
    }

    private async Task PumpAsync(Socket from, Socket to, ProxyDirection direction)
    {
        try
        {
            while (true)
            {
                var frame = await ReadFrameAsync(from);
                if (frame is null)
                {
                    break;
                }

                Frames.Enqueue((direction, frame));
                bool cut = false, after = false;
                lock (_gate)
                {
                    if (_cut is { } c && c.Direction == direction && c.PacketType == TypeOf(frame))
                    {
                        cut = true;
                        after = c.AfterForward;
                        _cut = null;
                    }
                }

                if (BlackHole)
                {
                    continue;
                }

                if (cut && !after)
                {
                    break;
                }

                await to.SendAsync(frame, SocketFlags.None);
                if (cut)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
        }

        Close(from);
        Close(to);
    }

    private static async Task<byte[]?> ReadFrameAsync(Socket socket)
    {
        var header = new byte[5];
        if (!await ReadExactlyAsync(socket, header.AsMemory(0, 1)))
        {
            return null;
        }

        var length = 0;
        var count = 1;
        for (var shift = 0; ; shift += 7)
        {
            if (!await ReadExactlyAsync(socket, header.AsMemory(count, 1)))
            {
                return null;
            }

            length |= (header[count] & 0x7F) << shift;
            if ((header[count++] & 0x80) == 0)
            {
                break;
            }
        }

        var frame = new byte[count + length];
        header.AsSpan(0, count).CopyTo(frame);
        return await ReadExactlyAsync(socket, frame.AsMemory(count)) ? frame : null;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }

    private static void Close(Socket socket)
    {
        try
        {
            // FIN, not RST: what was forwarded before the cut is still delivered, so "after" means after.
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        try
        {
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}

/// <summary>Which way a packet travels through the proxy.</summary>
public enum ProxyDirection
{
    ToBroker,
    ToClient,
}
