using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Silo.Hosting;

namespace Twins.Bench.Certificates;

/// <summary>A real silo without the gateway (SQLite store in a temp folder); vehicle-bound messages go to <see cref="Outbound"/>.</summary>
internal sealed class CertificateBenchSilo : IAsyncDisposable
{
    private readonly string _data;

    private CertificateBenchSilo(WebApplication app, string data, CapturingOutbound outbound)
    {
        App = app;
        _data = data;
        Outbound = outbound;
    }

    public WebApplication App { get; }

    public CapturingOutbound Outbound { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<CertificateBenchSilo> StartAsync(IReadOnlyList<string> allowedVins)
    {
        var data = Directory.CreateTempSubdirectory("twins-bench-cert-").FullName;
        var outbound = new CapturingOutbound();
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Twins:DataDirectory", data, "--Gateway:Enabled", "false" };
        for (var i = 0; i < allowedVins.Count; i++)
        {
            args.Add($"--Certificates:AllowedVins:{i.ToString(CultureInfo.InvariantCulture)}");
            args.Add(allowedVins[i]);
        }

        var app = SiloApplication.Build([.. args], services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<IVehicleOutbound>(outbound);
        });
        await app.StartAsync();
        return new CertificateBenchSilo(app, data, outbound);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
