using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Twins.GraphQL.AspNetCore;

namespace Twins.Bench;

/// <summary>
/// <c>{ vehicle(id:"x") { id name } }</c> over HTTP POST under wrk: Twins.GraphQL on Kestrel next to
/// graphql-js served by graphql-http on Node (same schema and data), alternating in rounds in the same run.
/// </summary>
internal sealed partial class GraphQLBenchmark : IBenchmark
{
    private const double Target = 3.0;
    internal const string Body = """{"query":"{ vehicle(id:\"x\") { id name } }"}""";

    public string Name => "graphql";

    public string Description => "GraphQL: { vehicle(id:\"x\") { id name } } req/s and p99 under wrk, Twins vs graphql-js + graphql-http (args: [seconds] [connections] [rounds])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seconds = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var connections = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var root = FindRoot();
        var script = Path.Combine(Path.GetTempPath(), $"twins-graphql-bench-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, $$"""
            wrk.method = "POST"
            wrk.body = [[{{Body}}]]
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/graphql-response+json"
            """, cancellationToken);

        await using var twins = await StartTwinsAsync(cancellationToken);
        var nodePort = FreePort();
        using var node = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(root, "bench", "graphql-js-server.mjs"), Path.Combine(root, "tests", "node_modules"), nodePort.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            await node.StandardOutput.ReadLineAsync(cancellationToken);
            var twinsUrl = twins.Url;
            var nodeUrl = $"http://127.0.0.1:{nodePort}/graphql";
            Console.WriteLine($"Twins: {twinsUrl}   graphql-js: {nodeUrl}   wrk -t2 -c{connections} -d{seconds}s, {rounds} rounds each");
            Console.WriteLine("Warming up both servers...");
            await WrkAsync(twinsUrl, script, 3, connections, cancellationToken);
            await WrkAsync(nodeUrl, script, 3, connections, cancellationToken);

            var ours = new List<WrkResult>();
            var theirs = new List<WrkResult>();
            for (var round = 0; round < rounds; round++)
            {
                ours.Add(await WrkAsync(twinsUrl, script, seconds, connections, cancellationToken));
                theirs.Add(await WrkAsync(nodeUrl, script, seconds, connections, cancellationToken));
                Console.WriteLine($"  round {round + 1}: Twins {ours[^1].RequestsPerSecond:N0} req/s (p99 {ours[^1].P99}), graphql-js {theirs[^1].RequestsPerSecond:N0} req/s (p99 {theirs[^1].P99})");
            }

            var ourRate = ours.Average(r => r.RequestsPerSecond);
            var theirRate = theirs.Average(r => r.RequestsPerSecond);
            var ratio = ourRate / theirRate;
            Console.WriteLine();
            Console.WriteLine($"Twins.GraphQL (Kestrel):        {ourRate,10:N0} req/s   p99 {string.Join(" / ", ours.Select(r => r.P99))}");
            Console.WriteLine($"graphql-js 16 + graphql-http:   {theirRate,10:N0} req/s   p99 {string.Join(" / ", theirs.Select(r => r.P99))}");
            Console.WriteLine($"Ratio: {ratio:0.00}x (target >= {Target:0.0}x) {(ratio >= Target ? "MET" : "MISSED")}");
            return 0;
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }

            await node.WaitForExitAsync(CancellationToken.None);
            File.Delete(script);
        }
    }

    internal static async Task<WrkResult> WrkAsync(string url, string script, int seconds, int connections, CancellationToken cancellationToken)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk")
        {
            ArgumentList = { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("wrk is not installed: apt-get install -y wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        var rate = RequestsPerSecond().Match(output);
        var p99 = Percentile99().Match(output);
        if (!rate.Success)
        {
            throw new InvalidOperationException("Could not read wrk's output:\n" + output);
        }

        if (NonSuccess().Match(output) is { Success: true } errors)
        {
            Console.WriteLine($"  warning: {errors.Value.Trim()} from {url}");
        }

        return new WrkResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), p99.Success ? p99.Groups[1].Value : "?");
    }

    /// <summary>Twins.GraphQL on Kestrel; <paramref name="tracing"/> traces its requests and operations to that exporter set-up (<c>null</c>: tracing off).</summary>
    internal static async Task<TwinsServer> StartTwinsAsync(CancellationToken cancellationToken, Action<TracerProviderBuilder>? tracing = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (tracing is not null)
        {
            builder.Services.AddOpenTelemetry().WithTracing(t =>
            {
                t.AddSource(Twins.GraphQL.Execution.GraphQLDiagnostics.ActivitySourceName).AddAspNetCoreInstrumentation();
                tracing(t);
            });
        }

        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var vehicles = new Dictionary<string, Vehicle>(StringComparer.Ordinal) { ["x"] = new Vehicle("x", "Bench Car") };
        builder.Services.AddGraphQLServer()
            .AddTypeDefinitions("type Vehicle { id: ID! name: String } type Query { vehicle(id: ID!): Vehicle }")
            .ConfigureSchema(schema => schema.AddResolver("Query", "vehicle", c => vehicles.GetValueOrDefault((string)c.Arguments["id"]!)));
        var app = builder.Build();
        app.MapGraphQL();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TwinsServer(app, address.TrimEnd('/') + "/graphql");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Twins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root.");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([0-9.]+\w+)")]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
    private static partial Regex NonSuccess();

    internal sealed record WrkResult(double RequestsPerSecond, string P99);

    private sealed record Vehicle(string Id, string Name);

    internal sealed class TwinsServer(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
