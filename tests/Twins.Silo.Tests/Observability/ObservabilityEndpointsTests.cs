using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests.Observability;

/// <summary>/metrics, /healthz and /readyz over real HTTP against a real silo and mosquitto.</summary>
[Collection(ProcessMetricsTests.Name)]
public sealed class ObservabilityEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Metrics_AfterGrainCalls_ExportsRuntimeGatewayAndClusterSeries()
    {
        await silo.Vehicle("metrics-car").GetConnectionAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var earlier = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        var metrics = new PrometheusSamples(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        // Orleans' own meter (Microsoft.Orleans): this silo's activations.
        Assert.True(metrics.Sum("orleans_catalog_activations") >= 1, text);
        // Other tests' silos run in this process too, and each reports itself as local: look for this one.
        var self = silo.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        Assert.Equal(1, metrics.Sum("twins_cluster_silos", ("local", "true"), ("silo", self), ("status", "Active")));
        Assert.True(metrics.Has("twins_gateway_connections", ("state", "disconnected")), text);
        Assert.Equal(0, metrics.Sum("twins_gateway_connections", ("state", "disconnected")));
        Assert.Equal("counter", metrics.TypeOf("messaging_client_consumed_messages_total"));
        Assert.Equal("counter", metrics.TypeOf("messaging_client_sent_messages_total"));
        Assert.True(metrics.Sum("dotnet_process_memory_working_set_bytes") > 0, text);
        Assert.Equal("histogram", metrics.TypeOf("http_server_request_duration_seconds"));
        Assert.True(metrics.Has("http_server_request_duration_seconds_count", ("http_route", "/healthz")), text);
    }

    [Fact]
    public async Task HealthzAndReadyz_RuntimeStartedAndBrokerConnected_BothHealthy()
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_NoBroker_UnavailableWhileHealthzStaysLive()
    {
        var data = Directory.CreateTempSubdirectory("twins-readyz-");
        await using var app = SiloApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Twins:DataDirectory", data.FullName,
            "--Gateway:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "None",
        ]);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient { BaseAddress = address };

            using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("not connected to the broker", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            data.Delete(recursive: true);
        }
    }
}
