using System.IO.Pipelines;
using System.Threading.Channels;
using Twins.Mqtt.Channel;
using Twins.Mqtt.Client;
using Twins.Mqtt.Formatter;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Internal;

/// <summary>
/// One network connection: a reader loop that decodes packets from the pipe and hands them to the
/// owner without ever waiting on application code, a writer loop that drains a queue of packets and
/// flushes them in batches, keep-alive with dead-link detection, and the connection-scoped topic aliases.
/// </summary>
internal sealed class MqttConnection : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<MqttPacket> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<MqttPacket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<MqttConnectionClosed> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly uint _maximumIncomingPacketSize;
    private readonly ushort _inboundTopicAliasMaximum;
    private IMqttConnectionOwner? _owner;
    private MqttConnectionSettings? _settings;
    private ITimer? _keepAliveTimer;
    private Task? _writerTask;
    private string?[]? _inboundAliases;
    private Dictionary<string, ushort>? _outboundAliases;
    private long _lastSent;
    private long _pingSentAt;
    private volatile bool _awaitingPingResponse;
    private int _closed;

    private MqttConnection(Stream stream, TimeProvider time, uint maximumIncomingPacketSize, ushort inboundTopicAliasMaximum)
    {
        _stream = stream;
        _time = time;
        _maximumIncomingPacketSize = maximumIncomingPacketSize;
        _inboundTopicAliasMaximum = inboundTopicAliasMaximum;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
        _lastSent = time.GetTimestamp();
    }

    /// <summary>Completes (never faults) when the connection has ended, with the reason.</summary>
    public Task<MqttConnectionClosed> Completion => _completion.Task;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Opens the transport, sends CONNECT and reads CONNACK; nothing else is sent before CONNACK.</summary>
    public static async Task<(MqttConnection Connection, MqttConnAckPacket ConnAck)> OpenAsync(
        MqttClientOptions options, MqttConnectPacket connect, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Stream stream;
        try
        {
            stream = await MqttTcpChannel.ConnectAsync(options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttConnectingFailedException($"Connecting to {options.Host}:{options.Port} timed out.", MqttReasonCode.UnspecifiedError);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            throw new MqttConnectingFailedException($"Connecting to {options.Host}:{options.Port} failed: {ex.Message}", MqttReasonCode.UnspecifiedError, ex);
        }

        var connection = new MqttConnection(stream, options.TimeProvider, options.MaximumPacketSize, options.TopicAliasMaximum);
        try
        {
            MqttPacketFormatter.Encode(connection._output, connect);
            await connection._output.FlushAsync(linked.Token).ConfigureAwait(false);
            while (true)
            {
                var result = await connection._input.ReadAsync(linked.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                MqttPacket? packet;
                var decoded = false;
                try
                {
                    decoded = MqttPacketFormatter.TryDecode(ref buffer, options.MaximumPacketSize, out packet);
                }
                finally
                {
                    // After CONNACK, bytes already read (a resumed session's redeliveries) stay unexamined
                    // so the reader loop sees them at once instead of waiting for more data.
                    connection._input.AdvanceTo(buffer.Start, decoded ? buffer.Start : buffer.End);
                }

                if (decoded)
                {
                    if (packet is MqttConnAckPacket connAck)
                    {
                        return (connection, connAck);
                    }

                    if (packet is MqttDisconnectPacket disconnect)
                    {
                        throw new MqttConnectingFailedException($"The broker sent DISCONNECT {disconnect.ReasonCode} instead of CONNACK.", disconnect.ReasonCode);
                    }

                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Expected CONNACK, received {packet!.Type}.");
                }

                if (result.IsCompleted)
                {
                    throw new MqttConnectingFailedException("The broker closed the connection before CONNACK.", MqttReasonCode.UnspecifiedError);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            connection.Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, "CONNACK timeout", null));
            throw new MqttConnectingFailedException("No CONNACK arrived in time.", MqttReasonCode.UnspecifiedError);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            connection.Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, "connect failed", ex));
            throw new MqttConnectingFailedException($"The connection to {options.Host}:{options.Port} failed before CONNACK: {ex.Message}", MqttReasonCode.UnspecifiedError, ex);
        }
        catch
        {
            connection.Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, "connect failed", null));
            throw;
        }
    }

    /// <summary>Starts the reader, writer and keep-alive once the owner has adopted the CONNACK.</summary>
    public void Start(IMqttConnectionOwner owner, MqttConnectionSettings settings)
    {
        _owner = owner;
        _settings = settings;
        _lastSent = _time.GetTimestamp();
        _writerTask = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
        if (settings.KeepAlive > TimeSpan.Zero)
        {
            _keepAliveTimer = _time.CreateTimer(static state => ((MqttConnection)state!).OnKeepAliveTimer(), this, settings.KeepAlive, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Queues a packet for the writer; false once the connection is closing.</summary>
    public bool TrySend(MqttPacket packet) => !IsClosed && _outgoing.Writer.TryWrite(packet);

    /// <summary>Sends DISCONNECT, waits (bounded) for it to be flushed, then closes.</summary>
    public async Task DisconnectAsync(MqttDisconnectPacket packet, MqttDisconnectSource source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_writerTask is null && !IsClosed)
        {
            // Not started (refused right after CONNACK): no writer loop yet, so write it here.
            try
            {
                MqttPacketFormatter.Encode(_output, packet);
                await _output.FlushAsync(cancellationToken).AsTask().WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // The broker will see the socket close instead.
            }
        }
        else if (_outgoing.Writer.TryWrite(packet))
        {
            _outgoing.Writer.TryComplete();
            if (_writerTask is { } writer)
            {
                try
                {
                    await writer.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The broker will see the socket close instead.
                }
            }
        }

        Close(new MqttConnectionClosed(source, packet.ReasonCode, packet.Properties?.ReasonString, null));
    }

    /// <summary>Ends the connection once; the first reason wins.</summary>
    public void Close(MqttConnectionClosed reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _keepAliveTimer?.Dispose();
        _outgoing.Writer.TryComplete();
        _closing.Cancel();
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Already broken: nothing to release.
        }

        _completion.TrySetResult(reason);
    }

    /// <summary>Closes (as a transport loss if still open) and releases the cancellation source.</summary>
    public void Dispose()
    {
        Close(new MqttConnectionClosed(MqttDisconnectSource.Client, MqttReasonCode.Success, "disposed", null));
        _closing.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var token = _closing.Token;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (MqttPacketFormatter.TryDecode(ref buffer, _maximumIncomingPacketSize, out var packet))
                    {
                        _awaitingPingResponse = false;
                        if (!Handle(packet!))
                        {
                            return;
                        }
                    }
                }
                finally
                {
                    if (!IsClosed)
                    {
                        _input.AdvanceTo(buffer.Start, buffer.End);
                    }
                }

                if (result.IsCompleted)
                {
                    Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, "The broker closed the connection.", null));
                    return;
                }
            }
        }
        catch (MqttProtocolException ex)
        {
            // Tell the broker what was wrong, then close (bounded wait for the flush).
            var disconnect = new MqttDisconnectPacket { ReasonCode = ex.ReasonCode };
            if (_outgoing.Writer.TryWrite(disconnect))
            {
                _outgoing.Writer.TryComplete();
                if (_writerTask is { } writer)
                {
                    await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(1), _time)).ConfigureAwait(false);
                }
            }

            Close(new MqttConnectionClosed(MqttDisconnectSource.ProtocolViolation, ex.ReasonCode, ex.Message, ex));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, ex.Message, ex));
        }
#pragma warning disable CA1031 // a bug in packet handling must end this connection (and trigger a reconnect), never leave it hanging
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.ImplementationSpecificError, ex.Message, ex));
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private bool Handle(MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPingRespPacket:
                return true;
            case MqttPublishPacket publish:
                ResolveInboundAlias(publish);
                _owner!.OnPacket(this, publish);
                return true;
            case MqttDisconnectPacket disconnect:
                Close(new MqttConnectionClosed(MqttDisconnectSource.Server, disconnect.ReasonCode, disconnect.Properties?.ReasonString, null));
                return false;
            case MqttConnAckPacket or MqttConnectPacket or MqttSubscribePacket or MqttUnsubscribePacket or MqttPingReqPacket:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"A broker must not send {packet.Type} here.");
            default:
                _owner!.OnPacket(this, packet);
                return true;
        }
    }

    private void ResolveInboundAlias(MqttPublishPacket publish)
    {
        if (publish.Properties?.TopicAlias is not { } alias)
        {
            if (publish.Topic.Length == 0)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "PUBLISH has neither a topic name nor a topic alias.");
            }

            return;
        }

        if (alias == 0 || alias > _inboundTopicAliasMaximum)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"Topic alias {alias} is outside 1..{_inboundTopicAliasMaximum}.");
        }

        _inboundAliases ??= new string?[_inboundTopicAliasMaximum + 1];
        if (publish.Topic.Length > 0)
        {
            _inboundAliases[alias] = publish.Topic;
        }
        else
        {
            publish.Topic = _inboundAliases[alias] ?? throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Topic alias {alias} was never set on this connection.");
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        var token = _closing.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var packet))
                {
                    Write(packet);
                    if (_output.UnflushedBytes >= FlushThreshold)
                    {
                        await _output.FlushAsync(token).ConfigureAwait(false);
                    }
                }

                var flush = await _output.FlushAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _lastSent, _time.GetTimestamp());
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.UnspecifiedError, ex.Message, ex));
        }
#pragma warning disable CA1031 // e.g. a resent packet now over a smaller server maximum: end the connection rather than hang
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Close(new MqttConnectionClosed(MqttDisconnectSource.Transport, MqttReasonCode.ImplementationSpecificError, ex.Message, ex));
        }
        finally
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Write(MqttPacket packet)
    {
        var settings = _settings!;
        if (packet is MqttPublishPacket publish && settings.UseOutboundTopicAliases && settings.ServerTopicAliasMaximum > 0)
        {
            _outboundAliases ??= [];
            if (_outboundAliases.TryGetValue(publish.Topic, out var alias))
            {
                MqttPacketFormatter.Encode(_output, publish, topic: "", topicAlias: alias, maximumPacketSize: settings.ServerMaximumPacketSize);
                return;
            }

            if (_outboundAliases.Count < settings.ServerTopicAliasMaximum)
            {
                alias = (ushort)(_outboundAliases.Count + 1);
                _outboundAliases[publish.Topic] = alias;
                MqttPacketFormatter.Encode(_output, publish, topicAlias: alias, maximumPacketSize: settings.ServerMaximumPacketSize);
                return;
            }
        }

        MqttPacketFormatter.Encode(_output, packet, maximumPacketSize: settings.ServerMaximumPacketSize);
    }

    private void OnKeepAliveTimer()
    {
        if (IsClosed || _settings is not { } settings)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_awaitingPingResponse)
        {
            var waited = _time.GetElapsedTime(Volatile.Read(ref _pingSentAt), now);
            if (waited >= settings.PingTimeout)
            {
                Close(new MqttConnectionClosed(MqttDisconnectSource.KeepAliveTimeout, MqttReasonCode.KeepAliveTimeout,
                    $"No PINGRESP within {settings.PingTimeout.TotalSeconds:0.#} s.", null));
                return;
            }

            Reschedule(settings.PingTimeout - waited);
            return;
        }

        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastSent), now);
        if (idle >= settings.KeepAlive)
        {
            Volatile.Write(ref _pingSentAt, now);
            _awaitingPingResponse = true;
            TrySend(MqttPingReqPacket.Instance);
            Reschedule(settings.PingTimeout);
            return;
        }

        Reschedule(settings.KeepAlive - idle);
    }

    private void Reschedule(TimeSpan due)
    {
        try
        {
            _keepAliveTimer?.Change(due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed concurrently.
        }
    }
}
