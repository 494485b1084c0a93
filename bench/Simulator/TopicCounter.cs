using System.Diagnostics;

namespace Twins.Bench;

/// <summary>
/// An independent counter: a <c>mosquitto_sub</c> process subscribed to connected events and telemetry,
/// printing one topic per line; counts connected events of clients with a given prefix and telemetry messages.
/// </summary>
internal sealed class TopicCounter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _connectedPrefix;
    private long _connected;
    private long _telemetry;
    private long _firstConnectedTicks = -1;
    private long _lastConnectedTicks;

    private TopicCounter(Process process, string clientPrefix)
    {
        _process = process;
        _connectedPrefix = "$aws/events/presence/connected/" + clientPrefix;
        _process.OutputDataReceived += (_, e) => Count(e.Data);
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public long Connected => Interlocked.Read(ref _connected);

    public long Telemetry => Interlocked.Read(ref _telemetry);

    public TimeSpan FirstConnectedAt => TimeSpan.FromTicks(Interlocked.Read(ref _firstConnectedTicks));

    public TimeSpan LastConnectedAt => TimeSpan.FromTicks(Interlocked.Read(ref _lastConnectedTicks));

    public static async Task<TopicCounter> StartAsync(int port, string clientPrefix, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(MqttBenchBroker.FindTool("mosquitto_sub", "/usr/bin/mosquitto_sub"),
            ["-h", MqttBenchBroker.Host, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "0",
             "-t", "$aws/events/presence/connected/+", "-t", "twins/vehicles/+/telemetry", "-F", "%t"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_sub did not start.");
        var counter = new TopicCounter(process, clientPrefix);

        // mosquitto_sub prints nothing when subscribed: give it a moment to connect before the load starts.
        await Task.Delay(300, cancellationToken);
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Count(string? topic)
    {
        if (topic is null)
        {
            return;
        }

        if (topic.StartsWith(_connectedPrefix, StringComparison.Ordinal))
        {
            var now = _clock.Elapsed.Ticks;
            Interlocked.CompareExchange(ref _firstConnectedTicks, now, -1);
            Interlocked.Exchange(ref _lastConnectedTicks, now);
            Interlocked.Increment(ref _connected);
        }
        else if (topic.EndsWith("/telemetry", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _telemetry);
        }
    }
}
