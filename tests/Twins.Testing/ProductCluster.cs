using System.Globalization;
using System.Security.Cryptography;

namespace Twins.Testing;

/// <summary>
/// A cluster of the real product as separate processes: Silo/'s Twins.Silo.dll started as clustered silos on
/// DynamoDB (dynalite) and as gateway processes (<c>Twins:Role=Gateway</c>), all against one broker, the way
/// deploy/local-cluster.sh starts them. Silo 1 owns the fleet CA; the others copy it. Every process accepts the
/// operator API key <see cref="ApiKey"/> (<c>X-Api-Key</c>). Disposing kills every process still running.
/// </summary>
public sealed class ProductCluster : IAsyncDisposable
{
    private readonly List<ExternalProcess> _processes = [];
    private readonly Dictionary<string, string> _environment;

    /// <summary>Describes the cluster; nothing starts until <see cref="StartSilo"/> or <see cref="StartGateway"/>.</summary>
    /// <param name="dynamoServiceUrl">The DynamoDB endpoint (dynalite).</param>
    /// <param name="mqttPort">The broker's plain port on 127.0.0.1.</param>
    /// <param name="extraArguments">Configuration overrides appended to every process's command line.</param>
    public ProductCluster(Uri dynamoServiceUrl, int mqttPort, params IEnumerable<string> extraArguments)
    {
        ArgumentNullException.ThrowIfNull(dynamoServiceUrl);
        DynamoServiceUrl = dynamoServiceUrl;
        MqttPort = mqttPort;
        ExtraArguments = [.. extraArguments];
        DataRoot = Directory.CreateTempSubdirectory("twins-cluster-").FullName;
        ApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // Workstation GC: several processes share two cores here.
        _environment = new(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "0" };
    }

    /// <summary>The built Twins.Silo.dll: the running assembly's build configuration first, then the other one.</summary>
    public static string DllPath
    {
        get
        {
            var release = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal);
            string[] configurations = release ? ["Release", "Debug"] : ["Debug", "Release"];
            var candidates = configurations.Select(c => Path.Combine(RepositoryPaths.Root, "Silo", "bin", c, "net10.0", "Twins.Silo.dll")).ToArray();
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException($"Silo is not built ({candidates[0]}). Run: dotnet build Silo");
        }
    }

    /// <summary>The DynamoDB endpoint.</summary>
    public Uri DynamoServiceUrl { get; }

    /// <summary>The broker's plain port.</summary>
    public int MqttPort { get; }

    /// <summary>Per-process data folders live under this temporary folder (deleted on dispose).</summary>
    public string DataRoot { get; }

    /// <summary>An operator API key every process accepts (send it as <c>X-Api-Key</c>).</summary>
    public string ApiKey { get; }

    /// <summary>Configuration overrides appended to every process's command line.</summary>
    public IReadOnlyList<string> ExtraArguments { get; }

    /// <summary>
    /// Starts silo number <paramref name="index"/> (1-based; silo 1 owns the fleet CA) on fresh loopback ports,
    /// without gateway workers (a gateway process calls it). Wait for it with <see cref="WaitReadyAsync"/>.
    /// </summary>
    public ProductProcess StartSilo(int index, params IEnumerable<string> extraArguments)
    {
        var httpPort = FreePort.Next();
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var name = "silo" + index.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            .. Common(name, httpPort),
            "--Twins:Silo:SiloName", name,
            "--Twins:Cluster:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
            "--Twins:Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--Gateway:Enabled", "false",
            .. index == 1
                ? ["--Twins:Cluster:CertificateAuthorityOwner", "true"]
                : new[] { "--Twins:Cluster:CertificateAuthoritySource", Path.Combine(DataRoot, "silo1", "ca") },
            .. extraArguments,
        ];
        return Start(name, httpPort, arguments);
    }

    /// <summary>Starts a gateway process (<c>Twins:Role=Gateway</c>): the MQTT workers as a client of the cluster.</summary>
    public ProductProcess StartGateway(int index = 1, params IEnumerable<string> extraArguments)
    {
        var httpPort = FreePort.Next();
        var name = "gateway" + index.ToString(CultureInfo.InvariantCulture);
        return Start(name, httpPort, [.. Common(name, httpPort), "--Twins:Role", "Gateway", "--Gateway:ClientIdPrefix", "twins-" + name, .. extraArguments]);
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200 (joined the cluster, broker connected); throws with the process's output if it exits.</summary>
    public static async Task WaitReadyAsync(ProductProcess process, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            if (process.Process.HasExited)
            {
                return true; // stop polling at once: waiting out the deadline for a dead process helps nobody
            }

            try
            {
                using var response = await http.GetAsync(new Uri(process.BaseAddress, "/readyz"), cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }, $"{process.Name} ready", timeout ?? TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
        process.Process.ThrowIfExited(process.Name);
    }

    /// <summary>Kills every process still running and deletes the data folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Owner-only CA folders of a process that is still being torn down: harmless too.
        }
    }

    private ProductProcess Start(string name, int httpPort, IEnumerable<string> arguments)
    {
        var process = ExternalProcess.Start(Tools.Find("dotnet", "install the .NET 10 SDK"), [DllPath, .. arguments], DataRoot, _environment);
        _processes.Add(process);
        return new ProductProcess(name, process, new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}"));
    }

    private IEnumerable<string> Common(string name, int httpPort) =>
    [
        "--urls", $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
        "--Twins:DataDirectory", Path.Combine(DataRoot, name),
        "--Twins:Cluster:Provider", "DynamoDb",
        "--Twins:Cluster:DynamoDb:ServiceUrl", DynamoServiceUrl.ToString(),
        "--Twins:Cluster:AdvertisedHost", "127.0.0.1",
        "--Twins:Api:ApiKeys:0:Name", "cluster-test",
        "--Twins:Api:ApiKeys:0:Sha256", Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey))),
        "--Twins:Api:ApiKeys:0:Role", "operator",
        "--Gateway:Host", "127.0.0.1",
        "--Gateway:Port", MqttPort.ToString(CultureInfo.InvariantCulture),
        "--Logging:LogLevel:Default", "Warning",
        .. ExtraArguments,
    ];
}
