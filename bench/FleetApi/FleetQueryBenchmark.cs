using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.FleetIndex;
using Twins.Silo.Api.Authentication;
using Twins.Silo.Hosting;

namespace Twins.Bench.FleetApi;

/// <summary>
/// <c>vehicles(where: {connected: {eq: true}}, first: 50)</c> over HTTP against a silo whose fleet index holds
/// 100,000 vehicles (half connected), sequential requests; baseline: the same count + page SQL straight on
/// SQLite in the same process (what the API adds on top of the index).
/// </summary>
internal sealed class FleetQueryBenchmark : IBenchmark
{
    private const double TargetP99Ms = 50;
    private const string Query = """{"query":"{ vehicles(where: {connected: {eq: true}}, first: 50) { totalCount pageInfo { endCursor } nodes { thingName vin lastSeen shadowVersion } } }"}""";

    public string Name => "fleet-query";

    public string Description => "Fleet API: vehicles(where: {connected: {eq: true}}, first: 50) over 100,000 indexed vehicles, p50/p99 over HTTP vs the same SQL direct (args: [vehicles] [requests])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var vehicles = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var requests = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var data = Directory.CreateTempSubdirectory("twins-bench-fleet-").FullName;
        try
        {
            var app = SiloApplication.Build(
                ["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", data, "--Gateway:Enabled", "false"],
                services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            await app.StartAsync(cancellationToken);
            try
            {
                var index = app.Services.GetRequiredService<IFleetIndex>();
                await index.GetAsync("schema", cancellationToken); // creates the table
                var database = Path.Combine(data, "twins.db");
                var seed = Stopwatch.StartNew();
                await SeedAsync(database, vehicles, cancellationToken);
                Console.WriteLine($"Seeded {vehicles:N0} vehicles in {seed.Elapsed.TotalSeconds:F1} s; {requests:N0} sequential requests each");

                var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/graphql");
                var token = app.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("bench", "operator", null, TimeSpan.FromHours(1));
                using var http = new HttpClient();
                var check = await PostAsync(http, url, token, cancellationToken);
                if (!check.Contains($"\"totalCount\":{vehicles / 2}", StringComparison.Ordinal))
                {
                    Console.WriteLine("Unexpected answer: " + check);
                    return 1;
                }

                var direct = new SqliteFleetIndex(database);
                var query = new FleetQuery(new FleetFilter { Connected = new BooleanCondition(Eq: true) }, [], 50);
                for (var i = 0; i < 200; i++)
                {
                    await PostAsync(http, url, token, cancellationToken);
                    await direct.QueryAsync(query, cancellationToken);
                }

                var api = new List<double>(requests);
                var baseline = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await PostAsync(http, url, token, cancellationToken);
                    api.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    start = Stopwatch.GetTimestamp();
                    await direct.QueryAsync(query, cancellationToken);
                    baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                direct.Dispose();
                var (p50, p99) = Percentiles(api);
                var (b50, b99) = Percentiles(baseline);
                Console.WriteLine($"  API over HTTP      p50 {p50,7:F2} ms   p99 {p99,7:F2} ms");
                Console.WriteLine($"  SQL direct (base)  p50 {b50,7:F2} ms   p99 {b99,7:F2} ms");
                Console.WriteLine($"  ratio API/SQL      p50 {p50 / b50,7:F2}x    p99 {p99 / b99,7:F2}x");
                Console.WriteLine($"  target p99 <= {TargetP99Ms} ms: {(p99 <= TargetP99Ms ? "met" : "MISSED")}");
                return 0;
            }
            finally
            {
                await app.StopAsync(cancellationToken);
                await app.DisposeAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> PostAsync(HttpClient http, Uri url, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Query, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task SeedAsync(string database, int count, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO fleet_index (thing_name, vin, connected, last_seen, shadow_version, updated_at) VALUES ($t, $v, $c, $s, $n, $s)";
        var thing = command.Parameters.Add("$t", SqliteType.Text);
        var vin = command.Parameters.Add("$v", SqliteType.Text);
        var connected = command.Parameters.Add("$c", SqliteType.Integer);
        var seen = command.Parameters.Add("$s", SqliteType.Integer);
        var version = command.Parameters.Add("$n", SqliteType.Integer);
        for (var i = 0; i < count; i++)
        {
            var number = i.ToString("D17", CultureInfo.InvariantCulture);
            thing.Value = "Vehicle_" + number;
            vin.Value = number;
            connected.Value = i % 2;
            seen.Value = 1_767_225_600_000L + i;
            version.Value = i % 1000;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static (double P50, double P99) Percentiles(List<double> samples)
    {
        samples.Sort();
        return (samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.99) - 1)]);
    }
}
