using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Twins.Gateway;
using Twins.Gateway.Provisioning;
using Twins.Grains.Certificates;
using Twins.Silo.Hosting;
using Twins.Testing;

namespace Twins.Silo.Tests.Certificates;

/// <summary>
/// A real mosquitto configured from deploy/mosquitto (mTLS listener trusting the product CA, its CRL and
/// ACL) and a real silo with the gateway and the provisioning endpoint, connected over mTLS as
/// CN=twins-gateway. A claim certificate and the gateway's certificate are issued from the product CA
/// before the silo starts.
/// </summary>
public sealed class MtlsSiloFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("twins-mtls-").FullName;
    private MosquittoBroker? _broker;
    private WebApplication? _app;

    public MosquittoBroker Broker => _broker!;

    public int TlsPort { get; } = FreePort.Next();

    public X509Certificate2 ServerCertificate { get; private set; } = null!;

    public X509Certificate2 ClaimCertificate { get; private set; } = null!;

    public string CaDirectory => Path.Combine(_data, "ca");

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>More services for the silo (for a test that builds its own fixture, e.g. to capture its log).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// The silo's clock: manual, started at the real time so the certificates it issues are valid for the
    /// broker's (real) clock; tests advance it to fire reminders (a revoked connection's grace period).
    /// </summary>
    public ManualTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>How long a vehicle connected with a revoked certificate has to disconnect before the takeover.</summary>
    public static TimeSpan RevokedConnectionGrace { get; } = TimeSpan.FromSeconds(30);

    public async Task InitializeAsync()
    {
        var options = new CertificateAuthorityOptions { DataDirectory = CaDirectory };
        using (var authority = await InProcessCertificateAuthority.OpenAsync(options, TimeProvider.System))
        {
            var claim = await authority.IssueClaimCertificateAsync("test-claim", "claim-fleet-1");
            using var key = ECDsa.Create();
            key.ImportFromPem(claim.Certificate!.PrivateKeyPem);
            using var certificate = X509Certificate2.CreateFromPem(claim.Certificate.CertificatePem);
            ClaimCertificate = Exportable(certificate.CopyWithPrivateKey(key));

            // The gateway's privileged identity (CN=twins-gateway in deploy/mosquitto/acl), from the same CA.
            var gateway = await authority.IssueClaimCertificateAsync("test-gateway", "twins-gateway");
            await File.WriteAllTextAsync(Path.Combine(_data, "gateway.crt"), gateway.Certificate!.CertificatePem);
            await File.WriteAllTextAsync(Path.Combine(_data, "gateway.key"), gateway.Certificate.PrivateKeyPem);
        }

        // The broker's own server certificate (what vehicles check); self-signed for the test.
        using (var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            using var server = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(80));
            ServerCertificate = X509CertificateLoader.LoadCertificate(server.RawData);
            await File.WriteAllTextAsync(Path.Combine(_data, "server.crt"), server.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(_data, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        }

        var deploy = Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto");
        var template = await File.ReadAllTextAsync(Path.Combine(deploy, "mosquitto.conf.template"));
        // Keep the template's listener and ACL lines; the fixture's own header supplies logging and the plain port.
        var lines = template.Split('\n')
            .SkipWhile(l => !l.StartsWith("acl_file", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("pid_file", StringComparison.Ordinal))
            .Select(l => l
                .Replace("{{ACL_FILE}}", Path.Combine(deploy, "acl"), StringComparison.Ordinal)
                .Replace("{{TLS_PORT}}", TlsPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{TLS_HOST}}", "127.0.0.1", StringComparison.Ordinal)
                .Replace("{{CA_FILE}}", Path.Combine(CaDirectory, "chain.pem"), StringComparison.Ordinal)
                .Replace("{{SERVER_CERT_FILE}}", Path.Combine(_data, "server.crt"), StringComparison.Ordinal)
                .Replace("{{SERVER_KEY_FILE}}", Path.Combine(_data, "server.key"), StringComparison.Ordinal)
                .Replace("{{CRL_FILE}}", Path.Combine(CaDirectory, "crl.pem"), StringComparison.Ordinal))
            .Where(l => !l.Contains("{{PLAIN_PORT}}", StringComparison.Ordinal) && !l.StartsWith("allow_anonymous", StringComparison.Ordinal))
            .ToList();
        _broker = await MosquittoBroker.StartAsync(new MosquittoOptions { ExtraConfig = lines });
        await Poll.UntilAsync(() => IsListening(TlsPort), "the mTLS listener accepts connections");

        // The gateway on the mTLS listener with its own certificate, as in production.
        _app = await TestSiloHost.StartAsync(
            _data,
            TlsPort,
            [
                "--Gateway:Tls:Enabled", "true",
                "--Gateway:Tls:CaFile", Path.Combine(_data, "server.crt"),
                "--Gateway:Tls:CertificateFile", Path.Combine(_data, "gateway.crt"),
                "--Gateway:Tls:KeyFile", Path.Combine(_data, "gateway.key"),
                "--Certificates:BrokerReloadCommand", $"kill -HUP {_broker.ProcessId}",
                "--Certificates:AllowedVins:0", "WVW1TEST0000000001",
                "--Certificates:CrlPublishDelay", "00:00:00",
                "--Certificates:RevokedConnectionGrace", RevokedConnectionGrace.ToString("c", CultureInfo.InvariantCulture),
            ],
            services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                ConfigureServices?.Invoke(services);
            });
        await _app.Services.GetRequiredService<ProvisioningService>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await TestSiloHost.StopAsync(_app, _broker, _data);
        ServerCertificate.Dispose();
        ClaimCertificate.Dispose();
    }

    /// <summary>SslStream on Linux wants a certificate whose key can be exported to PKCS#12.</summary>
    public static X509Certificate2 Exportable(X509Certificate2 withKey)
    {
        using (withKey)
        {
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
