using System.Globalization;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Twins.Testing;

/// <summary>
/// A real dynalite (a DynamoDB-compatible server from npm, pinned in tests/package.json) on a free
/// loopback port, in memory. Disposing stops it.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private DynaliteServer(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>The endpoint to give an AWS SDK client as its ServiceURL.</summary>
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Starts dynalite and waits until it accepts connections.</summary>
    public static async Task<DynaliteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var cli = Path.Combine(RepositoryPaths.NodeModules, "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is not installed at {cli}. Run ./twins test (it runs npm ci in tests/).");
        }

        var port = FreePort.Next();
        // Table operations complete at once so tests need not wait out dynalite's simulated delays.
        var process = ExternalProcess.Start(Tools.Node, [cli, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]);
        var server = new DynaliteServer(process, port);
        try
        {
            await Poll.UntilAsync(async () =>
            {
                process.ThrowIfExited("dynalite");
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return true;
            }, $"dynalite to listen on port {port}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>A DynamoDB client for this server (dummy credentials; requests are still signed).</summary>
    public AmazonDynamoDBClient CreateClient() =>
        new(new BasicAWSCredentials("twins-test", "twins-test-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = ServiceUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    /// <summary>What dynalite printed lately.</summary>
    public string RecentOutput => _process.RecentOutput;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
