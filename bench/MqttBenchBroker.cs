using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Twins.Bench;

/// <summary>A mosquitto started by an MQTT benchmark on a free loopback port, with a generated config; disposing kills it.</summary>
internal sealed class MqttBenchBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MqttBenchBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string Host => "127.0.0.1";

    public int ProcessId => _process.Id;

    public static async Task<MqttBenchBroker> StartAsync(IEnumerable<string> extraConfig, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("twins-bench-mosquitto-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine("allow_anonymous true")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine(CultureInfo.InvariantCulture, $"listener {port} {Host}");
        if (Environment.UserName == "root")
        {
            config.AppendLine("user root");
        }

        foreach (var line in extraConfig)
        {
            config.AppendLine(line);
        }

        var configFile = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config.ToString(), cancellationToken);
        var info = new ProcessStartInfo(FindTool("mosquitto", "/usr/sbin/mosquitto"), ["-c", configFile])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MqttBenchBroker(process, directory, port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, port, cancellationToken);
                return broker;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    public static string FindTool(string name, params string[] fallbacks)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return fallbacks.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"'{name}' is not installed (apt-get install -y mosquitto mosquitto-clients).");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
