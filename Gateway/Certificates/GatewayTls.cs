using System.Security.Cryptography.X509Certificates;
using Twins.Mqtt.Client;

namespace Twins.Gateway.Certificates;

/// <summary>Builds the TLS settings of the gateway's broker connections from <see cref="GatewayOptions.Tls"/>.</summary>
internal static class GatewayTls
{
    /// <summary>The client's TLS options (TLS off for plain TCP). Throws <see cref="InvalidOperationException"/> naming a file that cannot be used.</summary>
    public static MqttClientTlsOptions ClientOptions(GatewayOptions gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (gateway.Tls is not { Enabled: true } tls)
        {
            return new MqttClientTlsOptions();
        }

        X509Certificate2Collection? clientCertificates = null;
        if (!string.IsNullOrEmpty(tls.CertificateFile))
        {
            if (string.IsNullOrEmpty(tls.KeyFile))
            {
                throw new InvalidOperationException("Gateway:Tls:KeyFile is required with Gateway:Tls:CertificateFile.");
            }

            clientCertificates = [LoadClientCertificate(tls.CertificateFile, tls.KeyFile)];
        }

        return new MqttClientTlsOptions
        {
            UseTls = true,
            TargetHost = string.IsNullOrEmpty(tls.TargetHost) ? gateway.Host : tls.TargetHost,
            ClientCertificates = clientCertificates,
            TrustedCertificateAuthority = string.IsNullOrEmpty(tls.CaFile) ? null : Load(tls.CaFile, () => X509CertificateLoader.LoadCertificateFromFile(tls.CaFile)),
        };
    }

    private static X509Certificate2 LoadClientCertificate(string certificateFile, string keyFile) => Load(certificateFile, () =>
    {
        // SslStream on Linux presents a client certificate only when its key is in a PKCS#12-backed store form.
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    });

    private static X509Certificate2 Load(string file, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"Gateway TLS: cannot load '{file}': {ex.Message}", ex);
        }
    }
}
