using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// One TCP connection carrying length-prefixed frames both ways. Senders copy whole frames into an
/// in-memory pipe under an async lock; a send loop writes whatever accumulated to the socket in one go
/// (batching under load), and the pipe's pause threshold makes senders wait when the peer reads slowly
/// (backpressure). A receive loop parses frames straight out of the socket's pipe.
/// </summary>
internal sealed class Connection : IDisposable
{
    private const long PauseWriterThreshold = 4L << 20;

    private readonly Socket _socket;
    private readonly IFrameHandler _handler;
    private readonly Pipe _output = new(new PipeOptions(pauseWriterThreshold: PauseWriterThreshold, resumeWriterThreshold: PauseWriterThreshold / 2, useSynchronizationContext: false));
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;
    private bool _outputCompleted;

    public Connection(Socket socket, IFrameHandler handler, string peer)
    {
        _socket = socket;
        _handler = handler;
        Peer = peer;
        socket.NoDelay = true;
    }

    /// <summary>Who is at the other end (for messages).</summary>
    public string Peer { get; }

    /// <summary>Set by the owner: the silo this outbound connection reaches.</summary>
    public object? Tag { get; set; }

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    public Task Closed => _closed.Task;

    public void Start()
    {
        _ = SendLoopAsync();
        _ = ReceiveLoopAsync();
    }

    /// <summary>Queues one complete frame; waits when the peer is not keeping up.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame)
    {
        if (!_writeGate.Wait(0))
        {
            await _writeGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            if (IsClosed || _outputCompleted)
            {
                throw new SiloUnavailableException($"The connection to {Peer} is closed.");
            }

            _output.Writer.Write(frame.Span);
            var flush = _output.Writer.FlushAsync();
            var result = flush.IsCompletedSuccessfully ? flush.Result : await flush.ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new SiloUnavailableException($"The connection to {Peer} is closed.");
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Stops taking frames, lets the send loop write what is queued, then closes.</summary>
    public async Task CloseAfterFlushAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_outputCompleted && !IsClosed)
            {
                _outputCompleted = true;
                await _output.Writer.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Close(Exception? error = null)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
        _output.Reader.CancelPendingRead();
        _handler.OnClosed(this, error);
        _closed.TrySetResult();
    }

    private async Task SendLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled || IsClosed)
                {
                    break;
                }

                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var sent = 0;
                    while (sent < segment.Length)
                    {
                        sent += await _socket.SendAsync(segment[sent..], SocketFlags.None).ConfigureAwait(false);
                    }
                }

                _output.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            error = ex;
        }
        finally
        {
            await _output.Reader.CompleteAsync().ConfigureAwait(false);
        }

        Close(error);
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        var stream = new NetworkStream(_socket, ownsSocket: false);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 8 * 1024));
        try
        {
            while (!IsClosed)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameReader.TryReadFrame(ref buffer, out var type, out var id, out var body))
                {
                    _handler.OnFrame(this, type, id, body);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidDataException or OperationCanceledException)
        {
            error = ex;
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        Close(error);
    }

    public void Dispose()
    {
        Close();
        _writeGate.Dispose();
    }

    public override string ToString() => $"connection to {Peer}";
}
