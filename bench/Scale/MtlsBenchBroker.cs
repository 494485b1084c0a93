using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Bench.Scale;

/// <summary>
/// mosquitto as <c>./twins run</c> configures it (deploy/mosquitto/dev.conf and acl): a plain loopback
/// listener for the gateway and a mutual-TLS listener trusting the silo's CA and CRL, with a
/// self-signed broker certificate for 127.0.0.1 made here. Connection limits: unlimited in the config;
/// the process inherits this one's open-files limit (one descriptor per connection).
/// </summary>
internal sealed class MtlsBenchBroker : IAsyncDisposable
{
    private readonly Process _process;

    private MtlsBenchBroker(Process process, int plainPort, int tlsPort, string serverCertificateFile)
    {
        _process = process;
        PlainPort = plainPort;
        TlsPort = tlsPort;
        ServerCertificateFile = serverCertificateFile;
    }

    public int PlainPort { get; }

    public int TlsPort { get; }

    /// <summary>The broker's self-signed certificate (what vehicles trust, <c>--ca</c> of the simulator).</summary>
    public string ServerCertificateFile { get; }

    public Process Process => _process;

    public static async Task<MtlsBenchBroker> StartAsync(string repositoryRoot, string directory, string caDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var serverCertificate = Path.Combine(directory, "server.crt");
        var serverKey = Path.Combine(directory, "server.key");
        if (!File.Exists(serverCertificate) || !File.Exists(serverKey))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            var now = TimeProvider.System.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
            await File.WriteAllTextAsync(serverKey, key.ExportPkcs8PrivateKeyPem(), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(serverKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await File.WriteAllTextAsync(serverCertificate, certificate.ExportCertificatePem(), cancellationToken);
        }

        var plainPort = FreePort();
        var tlsPort = FreePort();
        var template = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "deploy", "mosquitto", "dev.conf"), cancellationToken);
        var config = template
            .Replace("@MQTT_PORT@", plainPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@TLS_PORT@", tlsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@ACL_FILE@", Path.Combine(repositoryRoot, "deploy", "mosquitto", "acl"), StringComparison.Ordinal)
            .Replace("@PID_FILE@", Path.Combine(directory, "mosquitto.pid"), StringComparison.Ordinal)
            .Replace("@CA_FILE@", Path.Combine(caDirectory, "chain.pem"), StringComparison.Ordinal)
            .Replace("@CRL_FILE@", Path.Combine(caDirectory, "crl.pem"), StringComparison.Ordinal)
            .Replace("@SERVER_CERT_FILE@", serverCertificate, StringComparison.Ordinal)
            .Replace("@SERVER_KEY_FILE@", serverKey, StringComparison.Ordinal)
            .Replace("log_type notice\n", "", StringComparison.Ordinal);
        config += "\nmax_connections -1\n";
        if (Environment.UserName == "root")
        {
            config += "user root\n";
        }

        var configFile = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config, cancellationToken);
        var info = new ProcessStartInfo(MqttBenchBroker.FindTool("mosquitto", "/usr/sbin/mosquitto"), ["-c", configFile])
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
        var broker = new MtlsBenchBroker(process, plainPort, tlsPort, serverCertificate);
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { plainPort, tlsPort })
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
        }

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
