using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Twins.Silo.Hosting;

namespace Twins.Silo.Tests;

public sealed class SiloApplicationTests
{
    [Fact]
    public async Task Build_Started_HealthzAnswersHealthyOverRealHttp()
    {
        await using var app = SiloApplication.Build(["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", Path.GetTempPath()]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Build_EmptyDataDirectory_StartFailsNamingTheSetting()
    {
        await using var app = SiloApplication.Build(["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", " "]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Twins:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_WrongGatewaySetting_StartFailsNamingTheSetting()
    {
        await using var app = SiloApplication.Build(["--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", Path.GetTempPath(), "--Gateway:Workers", "0"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Gateway:Workers", error.Message, StringComparison.Ordinal);
    }
}
