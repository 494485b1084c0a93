using System.Net.Sockets;
using System.Text;

namespace Twins.Testing;

/// <summary>
/// A real mosquitto 2.x broker on free loopback ports, with a generated config in a temp folder,
/// optionally with a mutual-TLS listener. Disposing stops it and deletes the folder.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private MosquittoBroker(ExternalProcess process, string directory, int port, int? tlsPort, TestCertificates? certificates)
    {
        _process = process;
        Directory = directory;
        Port = port;
        TlsPort = tlsPort;
        Certificates = certificates;
    }

    /// <summary>Host to connect to.</summary>
    public static string Host => "127.0.0.1";

    /// <summary>The plain MQTT listener's port.</summary>
    public int Port { get; }

    /// <summary>The mutual-TLS listener's port, when <see cref="MosquittoOptions.Tls"/> was asked for.</summary>
    public int? TlsPort { get; }

    /// <summary>The test CA and server certificate, when TLS was asked for.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>The broker's operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The broker's temp folder (config, certificates).</summary>
    public string Directory { get; }

    /// <summary>What mosquitto logged lately, for failure messages.</summary>
    public string RecentLog => _process.RecentOutput;

    /// <summary>Starts a broker and waits until it accepts TCP connections on every listener.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoOptions();
        var directory = System.IO.Directory.CreateTempSubdirectory("twins-mosquitto-").FullName;
        var port = FreePort.Next();
        int? tlsPort = options.Tls ? FreePort.Next() : null;
        var certificates = options.Tls ? new TestCertificates(Path.Combine(directory, "certs")) : null;

        var config = new StringBuilder()
            .AppendLine("per_listener_settings false")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine("allow_anonymous true")
            .AppendLine("persistence false")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("max_queued_messages 10000")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"listener {port} {Host}");
        if (Environment.UserName == "root")
        {
            // As root mosquitto would switch to the 'mosquitto' user, who cannot read the temp folder.
            config.AppendLine("user root");
        }

        if (certificates is not null)
        {
            config.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"listener {tlsPort} {Host}")
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"cafile {certificates.CaFile}")
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"certfile {certificates.ServerCertFile}")
                .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"keyfile {certificates.ServerKeyFile}");
            if (options.RequireClientCertificate)
            {
                config.AppendLine("require_certificate true").AppendLine("use_identity_as_username true");
            }

            if (options.UseCrl)
            {
                config.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"crlfile {certificates.CrlFile}");
            }
        }

        foreach (var line in options.ExtraConfig)
        {
            config.AppendLine(line);
        }

        var configFile = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, config.ToString(), cancellationToken).ConfigureAwait(false);
        var process = ExternalProcess.Start(Tools.Mosquitto, ["-c", configFile], directory);
        var broker = new MosquittoBroker(process, directory, port, tlsPort, certificates);
        try
        {
            await broker.WaitForListenerAsync(port, cancellationToken).ConfigureAwait(false);
            if (tlsPort is { } tls)
            {
                await broker.WaitForListenerAsync(tls, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return broker;
    }

    /// <summary>Makes mosquitto re-read its CA and CRL files (SIGHUP), as the product does after a revocation.</summary>
    public void Reload() => _process.Signal(Posix.SigHup);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        Certificates?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }

    private Task WaitForListenerAsync(int port, CancellationToken cancellationToken) =>
        Poll.UntilAsync(async () =>
        {
            _process.ThrowIfExited("mosquitto");
            using var client = new TcpClient();
            await client.ConnectAsync(Host, port, cancellationToken).ConfigureAwait(false);
            return true;
        }, $"mosquitto to listen on {Host}:{port}", cancellationToken: cancellationToken);
}
