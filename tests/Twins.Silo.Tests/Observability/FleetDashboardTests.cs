using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Twins.Testing;

namespace Twins.Silo.Tests.Observability;

/// <summary>The Grafana dashboard in deploy/ against what a running silo serves on /metrics.</summary>
[Collection(ProcessMetricsTests.Name)]
public sealed partial class FleetDashboardTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly HashSet<string> PromQLWords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    };

    [Fact]
    public async Task TwinsFleetDashboard_EveryQuery_NamesMetricsTheSiloServes()
    {
        var expressions = DashboardExpressions(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "twins-fleet.json"));
        var named = expressions.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        Assert.True(expressions.Count >= 6, "the dashboard has its panels' queries");
        Assert.All(expressions, e => Assert.NotEmpty(MetricNames(e)));

        // Traffic that fills the gateway's series: a shadow update and a telemetry message it must reject.
        await using (var vehicle = await MqttVehicle.ConnectAsync(silo.Broker.Port, "dashboard-car", "$aws/things/dashboard-car/shadow/update/accepted"))
        {
            await vehicle.PublishAsync("$aws/things/dashboard-car/shadow/update", """{"state":{"reported":{"speed":1}}}""");
            await vehicle.NextAsync(t => t.EndsWith("/update/accepted", StringComparison.Ordinal), "shadow update accepted");
            await vehicle.PublishAsync("twins/vehicles/dashboard-car/telemetry", "not json");
        }

        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        PrometheusSamples? served = null;
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    served = new PrometheusSamples(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
                    return named.All(served.Names.Contains);
                },
                "every metric the dashboard names on /metrics");
        }
        catch (TimeoutException)
        {
            // The assertion below names what is missing.
        }

        Assert.Equal([], named.Except(served!.Names).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MetricNames_PromQLExpression_NamesOnlyTheMetrics()
    {
        var names = MetricNames("""histogram_quantile(0.99, sum by (le, instance) (rate(a_seconds_bucket{x=~".*/shadow/.*",y!="b_total"}[5m]))) / on (instance) group_left max without (job) (c_total offset 5m) or vector(0)""");

        Assert.Equal(["a_seconds_bucket", "c_total"], names.Order(StringComparer.Ordinal));
    }

    private static List<string> DashboardExpressions(string path)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(path))!;
        return [.. dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!)];
    }

    /// <summary>The metric names in a PromQL expression: identifiers outside strings, label matchers, ranges and grouping lists that are neither functions nor keywords.</summary>
    private static List<string> MetricNames(string expression)
    {
        var bare = StringLiteral().Replace(expression, "\"\"");
        bare = LabelMatchers().Replace(bare, " ");
        bare = RangeOrSubquery().Replace(bare, " ");
        bare = GroupingList().Replace(bare, " ");
        return [.. Identifier().Matches(bare)
            .Where(m => !PromQLWords.Contains(m.Groups["name"].Value) && !m.Groups["call"].Success)
            .Select(m => m.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingList();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
