using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Twins.Mqtt.Formatter;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Tests;

/// <summary>
/// A scripted MQTT peer for what a real broker never does on purpose: malformed packets, invalid
/// topic aliases, odd CONNACK limits. The test reads what the client sent and writes exact bytes.
/// </summary>
internal sealed class ScriptedBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<ScriptedConnection> _accepted = System.Threading.Channels.Channel.CreateUnbounded<ScriptedConnection>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ScriptedConnection> _connections = [];

    public ScriptedBroker()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    var connection = new ScriptedConnection(socket);
                    lock (_connections)
                    {
                        _connections.Add(connection);
                    }

                    await _accepted.Writer.WriteAsync(connection);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        });
    }

    public int Port { get; }

    /// <summary>Accepts the next connection and reads its CONNECT.</summary>
    public async Task<(ScriptedConnection Connection, MqttConnectPacket Connect)> AcceptAsync()
    {
        using var timeout = new CancellationTokenSource(MqttTestClients.Wait);
        var connection = await _accepted.Reader.ReadAsync(timeout.Token);
        var connect = Assert.IsType<MqttConnectPacket>(await connection.ReadAsync());
        return (connection, connect);
    }

    /// <summary>Accepts, reads CONNECT and answers CONNACK.</summary>
    public async Task<ScriptedConnection> AcceptAndAcknowledgeAsync(MqttProperties? properties = null, bool sessionPresent = false)
    {
        var (connection, _) = await AcceptAsync();
        await connection.SendAsync(new MqttConnAckPacket { SessionPresent = sessionPresent, Properties = properties });
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        _stop.Dispose();
    }
}

internal sealed class ScriptedConnection(Socket socket) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);

    public async Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketFormatter.Encode(buffer, packet);
        await SendRawAsync(buffer.WrittenMemory.ToArray());
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>The next packet from the client, or null when it closed the connection.</summary>
    public async Task<MqttPacket?> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(MqttTestClients.Wait);
        var first = new byte[1];
        if (await _stream.ReadAsync(first, timeout.Token) == 0)
        {
            return null;
        }

        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var digit = new byte[1];
            await _stream.ReadExactlyAsync(digit, timeout.Token);
            length |= (digit[0] & 0x7F) << shift;
            if ((digit[0] & 0x80) == 0)
            {
                break;
            }
        }

        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, timeout.Token);
        return MqttPacketFormatter.DecodeBody(first[0], body);
    }

    /// <summary>Reads packets until one of type <typeparamref name="T"/> (skipping PINGREQ and the like).</summary>
    public async Task<T> ReadAsync<T>()
        where T : MqttPacket
    {
        while (true)
        {
            var packet = await ReadAsync() ?? throw new InvalidOperationException($"The client closed the connection while a {typeof(T).Name} was expected.");
            if (packet is T wanted)
            {
                return wanted;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
