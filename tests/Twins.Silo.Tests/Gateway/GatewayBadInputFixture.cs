using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Gateway;
using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests.Gateway;

/// <summary>
/// A real mosquitto with the product's ACL (deploy/mosquitto/acl) on a mutual-TLS listener whose certificates'
/// CN becomes the user name, next to the plain loopback listener the gateway uses; a real silo that admits only
/// vehicles it knows (<c>Twins:Vehicles:AdmitUnprovisionedVehicles=false</c>), on a manual clock, with its
/// warnings captured.
/// </summary>
public sealed class GatewayBadInputFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-badinput-").FullName;
    private MosquittoBroker? _broker;
    private WebApplication? _app;

    public ManualTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public MosquittoBroker Broker => _broker!;

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    public GatewayCounters Counters => _app!.Services.GetRequiredService<GatewayCounters>();

    public IFleetIndex FleetIndex => _app!.Services.GetRequiredService<IFleetIndex>();

    internal GatewayService Gateway => _app!.Services.GetRequiredService<GatewayService>();

    public IVehicleGrain Vehicle(string thing) => Grains.GetGrain<IVehicleGrain>(thing);

    /// <summary>PEM files of a client certificate with CN=<paramref name="thing"/>, for the paho device's mutual TLS.</summary>
    public (string CaFile, string CertFile, string KeyFile) VehicleTls(string thing)
    {
        var certificates = Broker.Certificates!;
        using var certificate = certificates.IssueClient(thing);
        var cert = Path.Combine(_data, thing + ".crt");
        var key = Path.Combine(_data, thing + ".key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificates.CaFile, cert, key);
    }

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            Tls = true,
            ExtraConfig = [$"acl_file {Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "acl")}"],
        });
        _app = await TestSiloHost.StartAsync(
            _data,
            _broker.Port,
            ["--Twins:Vehicles:AdmitUnprovisionedVehicles", "false"],
            services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
    }

    public Task DisposeAsync() => TestSiloHost.StopAsync(_app, _broker, _data);
}
