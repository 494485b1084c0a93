using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Testing;

/// <summary>
/// TLS material for tests, made fresh in a temp folder: a root CA, a server certificate for
/// 127.0.0.1/localhost and client certificates whose common name is the MQTT client id.
/// Test-only; the product's own certificate authority lives in Grains.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly List<X509Certificate2> _revoked = [];
    private long _serial = 1;

    /// <summary>Creates a CA and a server certificate under <paramref name="directory"/>.</summary>
    public TestCertificates(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Twins Test CA", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        _ca = request.CreateSelfSigned(now, now.AddYears(20));
        CaFile = Path.Combine(directory, "ca.crt");
        File.WriteAllText(CaFile, _ca.ExportCertificatePem());

        Server = Issue("localhost", serverAuth: true);
        ServerCertFile = Path.Combine(directory, "server.crt");
        ServerKeyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(ServerCertFile, Server.ExportCertificatePem());
        File.WriteAllText(ServerKeyFile, Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        CrlFile = Path.Combine(directory, "ca.crl");
        WriteCrl();
    }

    /// <summary>The folder holding the PEM files.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM), for the broker's cafile and the clients' trust.</summary>
    public string CaFile { get; }

    /// <summary>The server certificate (PEM).</summary>
    public string ServerCertFile { get; }

    /// <summary>The server's private key (PEM).</summary>
    public string ServerKeyFile { get; }

    /// <summary>The CRL (PEM), rewritten by <see cref="Revoke"/>.</summary>
    public string CrlFile { get; }

    /// <summary>The CA certificate.</summary>
    public X509Certificate2 Authority => _ca;

    /// <summary>The server certificate with its key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Issues a client certificate (with key) whose subject is CN=<paramref name="commonName"/>.</summary>
    public X509Certificate2 IssueClient(string commonName) => Issue(commonName, serverAuth: false);

    /// <summary>Adds <paramref name="certificate"/> to the CRL file (reload the broker to apply it).</summary>
    public void Revoke(X509Certificate2 certificate)
    {
        _revoked.Add(certificate);
        WriteCrl();
    }

    /// <summary>True when the certificate chains to this CA (for RemoteCertificateValidationCallback).</summary>
    public bool IsIssuedByThisAuthority(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ca.Dispose();
        Server.Dispose();
    }

    private X509Certificate2 Issue(string commonName, bool serverAuth)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        using var signed = request.Create(_ca, now, now.AddYears(10), serial);
        return signed.CopyWithPrivateKey(key);
    }

    private void WriteCrl()
    {
        var builder = new CertificateRevocationListBuilder();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        foreach (var certificate in _revoked)
        {
            builder.AddEntry(certificate, now);
        }

        var crl = builder.Build(_ca, _revoked.Count + 1, now.AddYears(10), HashAlgorithmName.SHA256, thisUpdate: now);
        File.WriteAllText(CrlFile, PemEncoding.WriteString("X509 CRL", crl));
    }
}
