using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Twins.Actors;
using Twins.Actors.Membership;
using Twins.Actors.Placement;

namespace Twins.Bench;

/// <summary>
/// Cross-silo grain calls over loopback TCP (two silos in one process, every call from silo A to grains
/// owned by silo B) next to a raw TCP echo with the same framing and write batching (13-byte header + body, one connection,
/// requests correlated by id), both driven by the same number of concurrent callers.
/// </summary>
internal sealed class ClusterPingBenchmark : IBenchmark
{
    private const int Callers = 128;

    public string Name => "actors-cluster-ping";

    public string Description => "Actors: cross-silo ping over loopback (2 silos) calls/s, p50/p99 vs a raw TCP echo with the same framing (args: [seconds per side, default 5])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        var table = new MemoryMembershipTable();
        var a = await InMemoryBenchSilo.StartAsync("a", table, cancellationToken);
        var b = await InMemoryBenchSilo.StartAsync("b", table, cancellationToken);
        try
        {
            await a.Services.GetRequiredService<IClusterMembership>().RefreshAsync(cancellationToken);
            var bSilo = b.Services.GetRequiredService<IClusterMembership>().LocalSilo!;
            var view = a.Services.GetRequiredService<IClusterMembership>().CurrentView;
            var keys = Enumerable.Range(0, 10_000).Select(i => $"p{i}")
                .Where(k => RendezvousPlacement.Owner(new GrainId("ping", k), view.ActiveSilos) == bSilo).Take(Callers).ToArray();
            var factory = a.Services.GetRequiredService<IGrainFactory>();
            var grains = keys.Select(factory.GetGrain<IPingGrain>).ToArray();

            await using var echo = await EchoServer.StartAsync();
            await using var echoClient = await EchoClient.ConnectAsync(echo.Port);
            await RunAsync(i => echoClient.EchoAsync(i), TimeSpan.FromSeconds(1), cancellationToken);
            await RunAsync(i => grains[i].PingAsync(i), TimeSpan.FromSeconds(1), cancellationToken);

            var baseline = await RunAsync(i => echoClient.EchoAsync(i), duration, cancellationToken);
            var runtime = await RunAsync(i => grains[i].PingAsync(i), duration, cancellationToken);
            var ratio = runtime.Rate / baseline.Rate;
            Console.WriteLine($"baseline  raw TCP echo, same framing: {baseline.Rate,10:N0} round trips/s  p50 {baseline.P50,7:0.000} ms  p99 {baseline.P99,7:0.000} ms");
            Console.WriteLine($"runtime   cross-silo PingAsync:       {runtime.Rate,10:N0} calls/s        p50 {runtime.P50,7:0.000} ms  p99 {runtime.P99,7:0.000} ms");
            Console.WriteLine($"{Callers} concurrent callers; ratio {ratio:0.00} (target >= 0.5), rate target >= 100,000 calls/s");
            return ratio >= 0.5 && runtime.Rate >= 100_000 ? 0 : 1;
        }
        finally
        {
            await b.StopAsync(CancellationToken.None);
            await a.StopAsync(CancellationToken.None);
            b.Dispose();
            a.Dispose();
        }
    }


    private static async Task<Result> RunAsync(Func<int, Task<int>> call, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<List<double>>();
        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>(100_000);
            var count = 0L;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await call(c);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                count++;
            }

            Interlocked.Add(ref calls, count);
            latencies.Add(mine);
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(calls / elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private sealed record Result(double Rate, double P50, double P99);

    /// <summary>Echoes every frame back as it arrives (whatever a read delivered, in one write).</summary>
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly Socket _listener;

        private EchoServer(Socket listener) => _listener = listener;

        public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

        public static Task<EchoServer> StartAsync()
        {
            var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var server = new EchoServer(listener);
            _ = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            try
            {
                var socket = await _listener.AcceptAsync();
                socket.NoDelay = true;
                var reader = PipeReader.Create(new NetworkStream(socket));
                var header = new byte[4];
                while (true)
                {
                    var result = await reader.ReadAsync();
                    var buffer = result.Buffer;
                    var complete = buffer;
                    var length = 0L;
                    while (complete.Length - length >= 4)
                    {
                        var frame = complete.Slice(length);
                        frame.Slice(0, 4).CopyTo(header);
                        var size = BinaryPrimitives.ReadUInt32LittleEndian(header) + 4;
                        if (frame.Length < size)
                        {
                            break;
                        }

                        length += size;
                    }

                    foreach (var segment in buffer.Slice(0, length))
                    {
                        await socket.SendAsync(segment, SocketFlags.None);
                    }

                    reader.AdvanceTo(buffer.GetPosition(length), buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                // The benchmark ended.
            }
        }

        public ValueTask DisposeAsync()
        {
            _listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// One connection written the way the runtime's transport writes: callers copy a 13-byte header +
    /// 4-byte body into an in-memory pipe under a lock and a send loop writes whatever accumulated in one
    /// go (batching under load); callers await the echo by id.
    /// </summary>
    private sealed class EchoClient : IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Pipe _output = new(new PipeOptions(pauseWriterThreshold: 4L << 20, resumeWriterThreshold: 2L << 20, useSynchronizationContext: false));
        private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pending = new();
        private long _nextId;

        private EchoClient(Socket socket) => _socket = socket;

        public static async Task<EchoClient> ConnectAsync(int port)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            var client = new EchoClient(socket);
            _ = client.ReadAsync();
            _ = client.SendLoopAsync();
            return client;
        }

        public async Task<int> EchoAsync(int value)
        {
            var id = Interlocked.Increment(ref _nextId);
            var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = completion;
            Span<byte> frame = stackalloc byte[17];
            BinaryPrimitives.WriteUInt32LittleEndian(frame, 13);
            frame[4] = 1;
            BinaryPrimitives.WriteInt64LittleEndian(frame[5..], id);
            BinaryPrimitives.WriteInt32LittleEndian(frame[13..], value);
            var bytes = frame.ToArray();
            await _gate.WaitAsync();
            try
            {
                _output.Writer.Write(bytes);
                await _output.Writer.FlushAsync();
            }
            finally
            {
                _gate.Release();
            }

            return await completion.Task;
        }

        private async Task SendLoopAsync()
        {
            try
            {
                while (true)
                {
                    var result = await _output.Reader.ReadAsync();
                    foreach (var segment in result.Buffer)
                    {
                        await _socket.SendAsync(segment, SocketFlags.None);
                    }

                    _output.Reader.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                // The benchmark ended.
            }
        }

        private async Task ReadAsync()
        {
            try
            {
                var reader = PipeReader.Create(new NetworkStream(_socket));
                while (true)
                {
                    var result = await reader.ReadAsync();
                    var buffer = result.Buffer;
                    while (buffer.Length >= 17)
                    {
                        var frame = buffer.Slice(0, 17).ToArray();
                        var id = BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(5));
                        if (_pending.TryRemove(id, out var completion))
                        {
                            completion.TrySetResult(BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(13)));
                        }

                        buffer = buffer.Slice(17);
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                // The benchmark ended.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _output.Writer.CompleteAsync();
            _socket.Dispose();
            _gate.Dispose();
        }
    }
}
