using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Twins.Gateway;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.TelemetrySink;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>A real mosquitto and a real silo (HTTP on 127.0.0.1:0, SQLite store in a temp folder, the gateway inside) on a manual clock.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-silo-").FullName;
    private MosquittoBroker? _broker;
    private WebApplication? _app;

    /// <summary>A service API key configured as <c>Twins:Api:ApiKeys</c> (only its SHA-256 is in the configuration).</summary>
    public const string ServiceApiKey = "twins-test-service-key-7f3a";

    public ManualTimeProvider Time { get; } = new();

    public MosquittoBroker Broker => _broker!;

    public WebApplication App => _app!;

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public GatewayCounters Counters => App.Services.GetRequiredService<GatewayCounters>();

    internal GatewayService Gateway => App.Services.GetRequiredService<GatewayService>();

    public ITelemetrySink Sink => App.Services.GetRequiredService<ITelemetrySink>();

    public Uri BaseAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public IVehicleGrain Vehicle(string thing) => Grains.GetGrain<IVehicleGrain>(thing);

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _app = await TestSiloHost.StartAsync(
            _data,
            _broker.Port,
            [
                "--Twins:Api:ApiKeys:0:Name", "test-service",
                "--Twins:Api:ApiKeys:0:Sha256", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ServiceApiKey))),
            ],
            services => services.AddSingleton<TimeProvider>(Time));
    }

    public Task DisposeAsync() => TestSiloHost.StopAsync(_app, _broker, _data);
}
