using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Twins.Gateway;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>
/// What the silo fixtures share: the product silo (HTTP on 127.0.0.1:0, its data in a temp folder, the gateway
/// inside with a unique client id prefix, warnings only) started against a real mosquitto, and the orderly stop
/// of silo, broker and folder.
/// </summary>
internal static class TestSiloHost
{
    /// <summary>Builds and starts the silo; returns once its gateway consumes from <paramref name="gatewayPort"/>.</summary>
    public static async Task<WebApplication> StartAsync(string dataDirectory, int gatewayPort, IEnumerable<string> settings, Action<IServiceCollection> configureServices)
    {
        string[] common =
        [
            "--urls", "http://127.0.0.1:0",
            "--Twins:DataDirectory", dataDirectory,
            "--Gateway:Port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--Gateway:ClientIdPrefix", "gw-" + Guid.NewGuid().ToString("N")[..8],
            "--Logging:LogLevel:Default", "Warning",
        ];
        var app = SiloApplication.Build([.. common, .. settings], configureServices);
        await app.StartAsync();
        await app.Services.GetRequiredService<GatewayService>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    /// <summary>Stops the silo, then the broker, then removes the data folder (whichever of them was started).</summary>
    public static async Task StopAsync(WebApplication? app, MosquittoBroker? broker, string dataDirectory)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
